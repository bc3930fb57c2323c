#!/usr/bin/env bash
# Connection request latency during a boot storm (issue 19, docs/connection-requests.md "Measured"): one ACS (embedded
# store, synced writes) and M measured phones in this process, woken through the API C at a time, while
# `lodestar load --scenario boot-storm --devices N --concurrency K --connect-per-session --no-prime` drives N other
# phones' first contact from a second process (at most K sessions at once, so no file-descriptor limit at 20,000+).
#   acs-bench/run-wake-storm.sh [measured=1000] [storm=20000] [storm-concurrency=500] [callers=4] [http|udp]
# BENCH_SKIP_BUILD=1 reuses the last build; BENCH_HEAP (default 2g) sizes this JVM, STORM_HEAP (default 1g) the
# storm's; STORM_DURATION (default 30m) bounds the storm; the storm's progress goes to wake-storm-load.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
measured="${1:-1000}"; storm="${2:-20000}"; storm_concurrency="${3:-500}"; callers="${4:-4}"; transport="${5:-http}"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "building acs-bench (mvn package)..." >&2
  mvn -B -q -o -DskipTests package -pl acs-bench -am >&2
fi
heap="${BENCH_HEAP:-2g}"
exec java -Xms"$heap" -Xmx"$heap" -Dstorm.heap="${STORM_HEAP:-1g}" -Dstorm.duration="${STORM_DURATION:-30m}" \
  -Dstorm.log="${STORM_LOG:-wake-storm-load.log}" \
  -cp "acs-bench/target/acs-bench-0.1.0-SNAPSHOT.jar:acs-bench/target/lib/*" \
  io.lodestar.acs.bench.connreq.WakeStormMain "$measured" "load:$storm:$storm_concurrency" "$callers" "$transport"
