#!/bin/sh
# The console's pure modules tested with Node's own test runner (no packages): run by `mvn verify` in ais-admin-ui
# (test phase). Without node on the PATH the tests are skipped, and this says so; CI installs nodejs (.ci/run).
set -eu
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1; then
  echo "[WARNING] node is not on the PATH: the console's module tests (ais-admin-ui/src/test/js) are SKIPPED." \
       "Install Node.js (Debian: apt-get install nodejs) to run them." >&2
  exit 0
fi
echo "console module tests: $(node --version)"
exec node --test ./*.test.js
