#!/usr/bin/env bash
# The container's own ceiling for small GETs (see it/bench/RESULTS.md): one client (ApacheBench, keep-alive,
# 16 connections) against nginx serving a static file, Payara Micro's own static-file servlet (the same bytes,
# /console/js/dom.js of our node's console) and our native object GET of the same bytes; a 10 s warm-up each, then
# two rounds of 8 s. Needs Debian's nginx and apache2-utils (ab), and the node jar (mvn package). Uses ports 8080
# and 18081 on 127.0.0.1 and a scratch directory under /tmp; stops what it started.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=${1:-$root/payara/target/ais-node.jar}
command -v ab >/dev/null || { echo "ab not found: apt-get install -y apache2-utils" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx not found: apt-get install -y nginx" >&2; exit 1; }
w=$(mktemp -d /tmp/ais-ceiling.XXXXXX)
chmod 755 "$w" # nginx workers run as another user
mkdir -p "$w/www" "$w/node" "$w/nginx/tmp"
file=$root/ais-admin-ui/src/main/webapp/js/dom.js
cp "$file" "$w/www/dom.js"
cat > "$w/nginx/nginx.conf" <<NGINX
worker_processes 2; pid $w/nginx/nginx.pid; error_log $w/nginx/error.log; daemon on;
events { worker_connections 1024; }
http { access_log off; sendfile on; client_body_temp_path $w/nginx/tmp;
  server { listen 127.0.0.1:18081; root $w/www; } }
NGINX
nginx -c "$w/nginx/nginx.conf"
(cd "$w/node" && exec java -jar "$jar" > node.log 2>&1) &
node=$!
cleanup() {
  kill "$node" 2>/dev/null || true
  nginx -c "$w/nginx/nginx.conf" -s stop 2>/dev/null || true
  wait "$node" 2>/dev/null || true
  rm -rf "$w"
}
trap cleanup EXIT
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/v1/health || true)" = 200 ] && break
  sleep 0.5
done
curl -sf -X POST http://127.0.0.1:8080/v1/buckets/ceiling -H 'Content-Type: application/json' \
  -d '{"action":"create-bck"}' > /dev/null
curl -sf -o /dev/null -X PUT http://127.0.0.1:8080/v1/objects/ceiling/dom.js --data-binary "@$file"
declare -A url=([nginx]=http://127.0.0.1:18081/dom.js [payara-static]=http://127.0.0.1:8080/console/js/dom.js
  [ours-native-get]=http://127.0.0.1:8080/v1/objects/ceiling/dom.js)
for n in nginx payara-static ours-native-get; do
  cmp <(curl -sf "${url[$n]}") "$file" || { echo "$n does not serve the file" >&2; exit 1; }
  ab -q -k -c 16 -t 10 -n 100000000 "${url[$n]}" > /dev/null 2>&1 || true
done
echo "$(wc -c < "$file") B file, ab -k -c 16, 8 s per figure"
for round in 1 2; do
  for n in nginx payara-static ours-native-get; do
    out=$(ab -q -k -c 16 -t 8 -n 100000000 "${url[$n]}" 2>/dev/null || true)
    rps=$(awk '/Requests per second/ {print $4}' <<< "$out")
    bad=$(awk '/Non-2xx responses/ {print $3} /Failed requests/ {f=$3} END {}' <<< "$out")
    echo "round $round  $n: ${rps:-?} req/s${bad:+, $bad non-2xx}  (load1 $(cut -d' ' -f1 /proc/loadavg))"
  done
done
