#!/usr/bin/env bash
# The whole-session load benchmark (docs/session-benchmark.md) against a checkout of Lodestar:
#
#   acs-bench/run-session-benchmark.sh [CHECKOUT_DIR]      (default: the checkout this script is in)
#
# 1. builds CHECKOUT_DIR in place (mvn -DskipTests package: its acs-server jar and acs-server/target/lib);
# 2. compiles THIS checkout's benchmark sources (acs-bench/src/main/java/io/lodestar/acs/bench/session) with
#    javac against CHECKOUT_DIR's jars. The benchmark uses only API that is the same before and after the store
#    was split into modules (LodestarServer, Settings, AcsConfig, acs-sim, the codec), so one source measures
#    both; compiling it per checkout makes a changed API a compile error here rather than a wrong measurement;
# 3. runs one JVM per tree size and prints a markdown table (one row per size).
#
# Knobs (environment):
#   BENCH_SIZES=150,1000,10000  BENCH_DEVICES=32  BENCH_CONCURRENCY=8
#   BENCH_WARMUP=10s  BENCH_DURATION=20s  BENCH_SYNC=false  BENCH_AUTH=challenge (off|challenge|preemptive)  BENCH_LABEL=<checkout's short commit>
#   BENCH_JFR=DIR (record the ACS's measured window with JFR and print its top frames)
#   BENCH_HEAP=2g  BENCH_SKIP_BUILD=1 (reuse the checkout's last build)
set -euo pipefail

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHECKOUT=$(cd "${1:-$BENCH_ROOT}" && pwd)
SIZES=${BENCH_SIZES:-150,1000,10000}
DEVICES=${BENCH_DEVICES:-32}
CONCURRENCY=${BENCH_CONCURRENCY:-8}
WARMUP=${BENCH_WARMUP:-10s}
DURATION=${BENCH_DURATION:-20s}
SYNC=${BENCH_SYNC:-false}
AUTH=${BENCH_AUTH:-challenge}
HEAP=${BENCH_HEAP:-2g}
LABEL=${BENCH_LABEL:-$(git -C "$CHECKOUT" rev-parse --short HEAD 2>/dev/null || basename "$CHECKOUT")}
HDR_VERSION=2.2.2

[[ -f "$CHECKOUT/pom.xml" && -d "$CHECKOUT/acs-server" ]] || { echo "not a Lodestar checkout: $CHECKOUT" >&2; exit 2; }

WORK=$(mktemp -d -t lodestar-session-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  echo "building $CHECKOUT (package, tests skipped) ..." >&2
  mvn -B -q -f "$CHECKOUT/pom.xml" -DskipTests package >&2
fi
SERVER_JAR=$(ls "$CHECKOUT"/acs-server/target/*.jar 2>/dev/null | grep -v -e '-tests.jar' -e '-sources.jar' | head -1 || true)
[[ -n "$SERVER_JAR" && -d "$CHECKOUT/acs-server/target/lib" ]] || { echo "no acs-server jar and lib in $CHECKOUT/acs-server/target (build it)" >&2; exit 1; }

# HdrHistogram 2.2.2 for the benchmark, ahead of any older copy in the checkout's lib (the Cassandra driver's)
mkdir -p "$WORK/lib" "$WORK/classes"
mvn -B -q -N -f "$BENCH_ROOT/pom.xml" dependency:copy -Dartifact="org.hdrhistogram:HdrHistogram:$HDR_VERSION" \
    -DoutputDirectory="$WORK/lib" >&2
CP="$WORK/lib/*:$SERVER_JAR:$CHECKOUT/acs-server/target/lib/*"

javac --release 17 -nowarn -d "$WORK/classes" -cp "$CP" \
    "$BENCH_ROOT"/acs-bench/src/main/java/io/lodestar/acs/bench/session/*.java

echo "measuring $CHECKOUT ($LABEL): sizes $SIZES, $DEVICES devices, concurrency $CONCURRENCY, warmup $WARMUP, window $DURATION, store.sync=$SYNC, auth $AUTH" >&2
header=()
for size in ${SIZES//,/ }; do
  extra=()
  [[ -n "${BENCH_JFR:-}" ]] && { mkdir -p "$BENCH_JFR"; extra+=(--jfr "$BENCH_JFR"); }
  LODESTAR_LOG_LEVEL=WARN java -Xms"$HEAP" -Xmx"$HEAP" -cp "$WORK/classes:$CP" \
      io.lodestar.acs.bench.session.SessionBenchmarkMain --sizes "$size" --devices "$DEVICES" \
      --concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION" --sync "$SYNC" --auth "$AUTH" --label "$LABEL" \
      "${header[@]}" "${extra[@]}"
  header=(--no-header)
done
