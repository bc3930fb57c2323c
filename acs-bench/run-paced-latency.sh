#!/usr/bin/env bash
# Issue 21 item 3's latency target (docs/BENCHMARKS.md, "Latency at half the maximum rate (second sitting)"):
# starts a separate ACS process (lodestar run, CPE authentication on), measures its maximum rate (closed loop,
# --max-concurrency connections), then runs periodic informs paced at --fraction of it with --concurrency sessions
# in flight and prints the generator's latency (from each session's intended start), the ACS's own session-duration
# histogram, the CPU per session of each process and the load average.
#   acs-bench/run-paced-latency.sh [--devices 2000] [--concurrency 1000] [--max-concurrency 50] [--fraction 0.5]
#                                  [--rate R] [--warmup 15s] [--max-warmup 60s] [--duration 40s] [--max-duration 20s]
#                                  [--engines async|threads|async,threads] [--auth on|off]
#                                  [--acs-cpus 0 --gen-cpus 1] [--acs-heap 1g] [--acs-jvm "-XX:MaxGCPauseMillis=10"]
#                                  [--port-base 0] [--out paced-latency.json]
# --acs-cpus / --gen-cpus pin the ACS process and this generator process to CPU lists with taskset (both or neither).
# BENCH_SKIP_BUILD=1 reuses the last build; BENCH_HEAP (default 1g) sizes the generator's JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "building acs-bench (mvn package)..." >&2
  mvn -B -q -o -DskipTests package -pl acs-bench -am >&2
fi
gen_cpus=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--gen-cpus" ] && [ $((i + 1)) -lt ${#args[@]} ]; then gen_cpus="${args[$((i + 1))]}"; fi
done
pin=()
if [ -n "$gen_cpus" ]; then pin=(taskset -c "$gen_cpus"); fi
heap="${BENCH_HEAP:-1g}"
exec "${pin[@]}" java -Xms"$heap" -Xmx"$heap" -cp "acs-bench/target/acs-bench-0.1.0-SNAPSHOT.jar:acs-bench/target/lib/*" \
  io.lodestar.acs.bench.load.PacedLatencyMain "$@"
