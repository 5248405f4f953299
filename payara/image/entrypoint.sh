#!/bin/sh
# The image's entrypoint: one image for every node, configured by environment variables.
#   AIS_HTTP_ADDRESS   address HTTP and Hazelcast bind to (default: this host's address, `hostname -i`)
#   AIS_HTTP_PORT      HTTP port (8080)          AIS_HZ_PORT       Hazelcast port (6900)
#   AIS_CLUSTER_NAME   Hazelcast cluster name (ais); only nodes with the same name join
#   AIS_CLUSTER_MODE   Payara Micro --clustermode (default tcpip:<address>:<hz port>: a cluster of one);
#                      in Kubernetes dns:<headless service name>:<hz port>
#   AIS_NODE_NAME      Payara instance name (default: the host name)
#   JAVA_OPTS          extra JVM options
# Every ais.* setting is also read from its AIS_* variable (MicroProfile Config): AIS_MOUNTPATHS, AIS_NODE_ID,
# AIS_PUBLIC_URL, AIS_S3_CREDENTIALS, ... (see the README's Settings table).
set -eu
addr=${AIS_HTTP_ADDRESS:-$(hostname -i | cut -d' ' -f1)}
port=${AIS_HTTP_PORT:-8080}
hz=${AIS_HZ_PORT:-6900}
# the HTTP address is baked into the jar: only a --systemproperties file overrides it
props=/tmp/ais-net.properties
printf 'ais.http.address=%s\n' "$addr" >"$props"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Djava.io.tmpdir=/tmp -jar /opt/ais/ais-node.jar \
  --systemproperties "$props" --port "$port" --startport "$hz" --interfaces "$addr" \
  --clustername "${AIS_CLUSTER_NAME:-ais}" --clustermode "${AIS_CLUSTER_MODE:-tcpip:$addr:$hz}" \
  --name "${AIS_NODE_NAME:-$(hostname)}" "$@"
