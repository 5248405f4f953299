#!/usr/bin/env bash
# One command for the whole benchmark (see it/bench/RESULTS.md): builds what is missing, resolves s3proxy from Maven
# Central, starts our node, nginx and s3proxy on loopback, measures, writes it/bench/out/latest.{md,csv}, stops
# everything it started. Extra arguments go to net.aisj.it.bench.BenchMain, e.g.
#   it/bench/run.sh --sizes 4k,1m --duration 10 --skip s3proxy
# Environment: MVN_REPO (a local Maven repository, default ~/.m2/repository), S3PROXY_VERSION (4.1.0),
# NO_BUILD=1 (use the node jar and test classes as they are).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
repo=${MVN_REPO:-$HOME/.m2/repository}
mvn=(mvn -B -q "-Dmaven.repo.local=$repo")
command -v nginx >/dev/null || { echo "nginx not found: apt-get install -y nginx" >&2; exit 1; }
if [ "${NO_BUILD:-}" != 1 ]; then
  [ -f payara/target/ais-node.jar ] || "${mvn[@]}" install -DskipTests
  "${mvn[@]}" -pl it test-compile
fi
mkdir -p it/target/bench
ver=${S3PROXY_VERSION:-4.1.0}
if [ ! -f it/target/bench/s3proxy.jar ]; then
  "${mvn[@]}" dependency:copy "-Dartifact=org.gaul:s3proxy:$ver:jar:jar-with-dependencies" \
    -DoutputDirectory=it/target/bench -Dmdep.stripVersion=true
  mv it/target/bench/s3proxy-jar-with-dependencies.jar it/target/bench/s3proxy.jar
fi
[ -f it/target/bench/classpath.txt ] && [ it/target/bench/classpath.txt -nt it/pom.xml ] ||
  "${mvn[@]}" -pl it dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test
exec java -Xmx1g -cp "it/target/test-classes:$(cat it/target/bench/classpath.txt)" net.aisj.it.bench.BenchMain \
  --s3proxy-jar it/target/bench/s3proxy.jar "$@"
