#!/usr/bin/env bash
# Many concurrent downloads of one file from the file server on loopback, against `cat FILE > /dev/null`
# (docs/files.md, "Throughput"):
#
#   acs-files/run-throughput.sh
#
# Builds acs-files (tests skipped), makes a random file of FILE_MB, serves it (ServeOneFile.java, a DiskFileStore
# in a scratch directory), then runs CLIENTS curl processes at once, each fetching the file ROUNDS times to
# /dev/null, once whole and once as Range resumes (the second half of the file). Prints the aggregate throughput,
# its ratio to cat of the same (page-cached) file, and the server's CPU seconds per GB sent (utime+stime of its
# process from /proc).
#
# Knobs (environment): FILE_MB=64 CLIENTS=16 ROUNDS=4 SKIP_BUILD=1 (reuse the last build)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FILE_MB=${FILE_MB:-64}
CLIENTS=${CLIENTS:-16}
ROUNDS=${ROUNDS:-4}
WORK=$(mktemp -d -t lodestar-files-bench-XXXXXX)
SERVER_PID=
cleanup() {
  exec 3>&- 2>/dev/null || true
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "building acs-files (tests skipped) ..." >&2
  mvn -B -q -f "$ROOT/pom.xml" -pl acs-files -am -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile="$ROOT/acs-files/target/bench-classpath.txt" -Dmdep.includeScope=test >&2
fi
CP="$ROOT/acs-files/target/classes:$(cat "$ROOT/acs-files/target/bench-classpath.txt")"

head -c $((FILE_MB * 1024 * 1024)) /dev/urandom > "$WORK/image.bin"
BYTES=$(stat -c %s "$WORK/image.bin")

now() { date +%s.%N; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

# cat: the same number of whole reads, CLIENTS at once, from the page cache (read once first)
cat "$WORK/image.bin" > /dev/null
t0=$(now)
for c in $(seq "$CLIENTS"); do
  ( for r in $(seq "$ROUNDS"); do cat "$WORK/image.bin" > /dev/null; done ) &
done
wait
t1=$(now)
CAT_S=$(echo "$t1 - $t0" | bc -l)
TOTAL=$((BYTES * CLIENTS * ROUNDS))

mkfifo "$WORK/in"
java -Xmx256m -cp "$CP" "$ROOT/acs-files/bench/ServeOneFile.java" "$WORK/image.bin" "$WORK" < "$WORK/in" > "$WORK/out" 2>"$WORK/err" &
SERVER_PID=$!
exec 3>"$WORK/in"
for _ in $(seq 300); do grep -q '^PID ' "$WORK/out" 2>/dev/null && break; sleep 0.2; done
URL=$(awk '/^URL /{print $2}' "$WORK/out")
[[ -n "$URL" ]] || { cat "$WORK/err" >&2; exit 1; }
curl -s -o /dev/null "$URL" # warm-up: JIT, page cache

run() { # $1: extra curl arguments; prints seconds and server CPU seconds
  local c0 t0 t1 c1
  c0=$(cpu_ticks "$SERVER_PID"); t0=$(now)
  for c in $(seq "$CLIENTS"); do
    ( for r in $(seq "$ROUNDS"); do curl -s -f $1 -o /dev/null "$URL"; done ) &
  done
  wait
  t1=$(now); c1=$(cpu_ticks "$SERVER_PID")
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "($c1 - $c0) / $TICKS" | bc -l)"
}
read -r WHOLE_S WHOLE_CPU < <(run "")
HALF=$((BYTES / 2))
read -r RANGE_S RANGE_CPU < <(run "-r $HALF-")
RANGE_TOTAL=$(( (BYTES - HALF) * CLIENTS * ROUNDS ))

gbps() { echo "scale=2; $1 / $2 / 1000000000" | bc -l; }
printf '| what | bytes | seconds | GB/s | ratio to cat | server CPU s per GB |\n|---|---|---|---|---|---|\n'
printf '| cat, %s at once x %s | %s | %.2f | %s | 1.00 | - |\n' "$CLIENTS" "$ROUNDS" "$TOTAL" "$CAT_S" "$(gbps "$TOTAL" "$CAT_S")"
printf '| GET whole, %s clients x %s | %s | %.2f | %s | %.2f | %.3f |\n' "$CLIENTS" "$ROUNDS" "$TOTAL" "$WHOLE_S" \
  "$(gbps "$TOTAL" "$WHOLE_S")" "$(echo "$CAT_S / $WHOLE_S" | bc -l)" "$(echo "$WHOLE_CPU / ($TOTAL / 1000000000)" | bc -l)"
printf '| Range resume (2nd half), %s clients x %s | %s | %.2f | %s | %.2f | %.3f |\n' "$CLIENTS" "$ROUNDS" "$RANGE_TOTAL" \
  "$RANGE_S" "$(gbps "$RANGE_TOTAL" "$RANGE_S")" "$(echo "($CAT_S * $RANGE_TOTAL / $TOTAL) / $RANGE_S" | bc -l)" \
  "$(echo "$RANGE_CPU / ($RANGE_TOTAL / 1000000000)" | bc -l)"
