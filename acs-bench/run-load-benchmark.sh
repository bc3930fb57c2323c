#!/usr/bin/env bash
# The load benchmark of issue 21 (docs/BENCHMARKS.md): the periodic scenario of `lodestar load` against a trivial
# Netty handler (the limit), then a fresh ACS with CPE authentication on, then off; prints the table with ratios.
#   acs-bench/run-load-benchmark.sh [--devices 2000] [--concurrency 50] [--warmup 10s] [--duration 20s]
#                                   [--sync false] [--targets trivial,acs-auth,acs-auth-401,acs-noauth]
#                                   [--rounds 2] [--out load-benchmark.json]
# BENCH_SKIP_BUILD=1 reuses the last build; BENCH_HEAP (default 2g) sizes the benchmark's JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "building acs-bench (mvn package)..." >&2
  mvn -B -q -o -DskipTests package -pl acs-bench -am >&2
fi
heap="${BENCH_HEAP:-2g}"
exec java -Xms"$heap" -Xmx"$heap" -cp "acs-bench/target/acs-bench-0.1.0-SNAPSHOT.jar:acs-bench/target/lib/*" \
  io.lodestar.acs.bench.load.LoadBenchmarkMain "$@"
