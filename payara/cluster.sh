#!/usr/bin/env bash
# A local N-node cluster on loopback from one uber-jar.
#   payara/cluster.sh start N   start nodes 1..N (HTTP 8080+i-1, Hazelcast 6900+i-1, data in ./ais-cluster/nodeI)
#   payara/cluster.sh stop      stop every node this script started
#   payara/cluster.sh status    one line per node: pid, port, health
# Environment: AIS_CLUSTER_DIR (./ais-cluster), AIS_CLUSTER_NAME (ais-local), AIS_HTTP_BASE (8080),
# AIS_HZ_BASE (6900), AIS_JAR (payara/target/ais-node.jar), JAVA_OPTS (extra JVM options).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${AIS_CLUSTER_DIR:-$PWD/ais-cluster}
name=${AIS_CLUSTER_NAME:-ais-local}
http_base=${AIS_HTTP_BASE:-8080}
hz_base=${AIS_HZ_BASE:-6900}
jar=${AIS_JAR:-$here/target/ais-node.jar}

members() {
  local n=$1 list="" i
  for ((i = 0; i < n; i++)); do list+="${list:+,}127.0.0.1:$((hz_base + i))"; done
  echo "$list"
}

start() {
  local n=${1:?usage: cluster.sh start N}
  [ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
  local list i node
  list=$(members "$n")
  for ((i = 1; i <= n; i++)); do
    node=$dir/node$i
    mkdir -p "$node/tmp"
    if [ -f "$node/pid" ] && kill -0 "$(cat "$node/pid")" 2>/dev/null; then
      echo "node$i already running (pid $(cat "$node/pid"))"
      continue
    fi
    # shellcheck disable=SC2086
    nohup java ${JAVA_OPTS:-} -Djava.io.tmpdir="$node/tmp" -Dais.mountpaths="$node/mp1" \
      -jar "$jar" --name "node$i" --port $((http_base + i - 1)) --startport $((hz_base + i - 1)) \
      --clustermode "tcpip:$list" --clustername "$name" >"$node/node.log" 2>&1 &
    echo $! >"$node/pid"
    echo "node$i: pid $!, http://127.0.0.1:$((http_base + i - 1)), log $node/node.log"
  done
  for ((i = 1; i <= n; i++)); do
    local url=http://127.0.0.1:$((http_base + i - 1))/v1/health deadline=$((SECONDS + 240))
    until curl -fs -o /dev/null "$url"; do
      if ((SECONDS > deadline)); then echo "node$i not ready after 240 s; see $dir/node$i/node.log" >&2; exit 1; fi
      sleep 1
    done
    echo "node$i ready"
  done
}

stop() {
  local p
  for p in "$dir"/node*/pid; do
    [ -f "$p" ] || continue
    kill "$(cat "$p")" 2>/dev/null && echo "stopped $(basename "$(dirname "$p")")" || true
    rm -f "$p"
  done
}

status() {
  local p node port
  for p in "$dir"/node*/pid; do
    [ -f "$p" ] || continue
    node=$(basename "$(dirname "$p")")
    port=$((http_base + ${node#node} - 1))
    if kill -0 "$(cat "$p")" 2>/dev/null; then
      echo "$node pid $(cat "$p") http://127.0.0.1:$port health $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/health")"
    else
      echo "$node pid $(cat "$p") not running"
    fi
  done
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start N | stop | status" >&2; exit 2 ;;
esac
