#!/usr/bin/env bash
# Issue 21 item 5 (docs/BENCHMARKS.md, "Registered fleet and boot storm"): an ACS at -Xmx1g serving a fleet
# registered beforehand, its heap after GC logged.
#   acs-bench/run-registered-fleet.sh seed   DIR DEVICES            register DEVICES lodestar-load devices into DIR/data
#   acs-bench/run-registered-fleet.sh serve  DIR SCENARIO DEVICES [lodestar load options...]
#                                                                    start the ACS on DIR/data (-Xmx1g, GC log in
#                                                                    DIR/gc-SCENARIO.log), run lodestar load against it,
#                                                                    force a full GC, print the heap after GC, stop it
# Environment: BENCH_SKIP_BUILD=1 reuses the last build; SEED_THREADS (2); ACS_HEAP (1g); LOAD_HEAP (1g);
# ACS_PORT (17847, API on ACS_PORT+10); ACS_SETTINGS (extra "-s key=value" for the ACS); ACS_JVM (extra JVM
# options for the ACS, e.g. "-XX:+UseZGC").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "building acs-bench and acs-server (mvn package)..." >&2
  (cd "$root" && mvn -B -q -o -DskipTests package -pl acs-bench,acs-server -am) >&2
fi
cmd="${1:?seed or serve}"; dir="${2:?directory}"
mkdir -p "$dir"
# the settings the seeding and the ACS share (the session policy decides what a first contact stores)
common=(-s session.discovery=full-tree -s session.values-per-request=1000)
case "$cmd" in
  seed)
    devices="${3:?devices}"
    exec java -Xmx1g -cp "$root/acs-bench/target/acs-bench-0.1.0-SNAPSHOT.jar:$root/acs-bench/target/lib/*" \
      io.lodestar.acs.bench.scale.SeedDevices --data "$dir/data" --devices "$devices" \
      --threads "${SEED_THREADS:-2}" "${common[@]}" ;;
  serve)
    scenario="${3:?scenario}"; devices="${4:?devices}"; shift 4
    port="${ACS_PORT:-17847}"; api=$((port + 10))
    gclog="$dir/gc-$scenario.log"
    # shellcheck disable=SC2086 # ACS_JVM holds several options
    java -Xmx"${ACS_HEAP:-1g}" ${ACS_JVM:-} -Xlog:gc*:file="$gclog":uptime,level,tags -jar "$root/acs-server/target/lodestar.jar" \
      run --data "$dir/data" --cwmp-port "$port" --bind 127.0.0.1 -s api.port="$api" -s files.port=0 \
      -s store.sync=false "${common[@]}" ${ACS_SETTINGS:-} > "$dir/acs-$scenario.log" 2>&1 &
    acs=$!
    trap 'kill $acs 2>/dev/null || true' EXIT
    for _ in $(seq 1 600); do
      (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break
      kill -0 $acs 2>/dev/null || { echo "the ACS did not start: $dir/acs-$scenario.log" >&2; exit 1; }
      sleep 0.5
    done
    echo "ACS pid $acs on port $port (-Xmx${ACS_HEAP:-1g}); heap after its start:"
    jcmd $acs GC.heap_info | head -3
    start=$(date +%s)
    java -Xss256k -Xmx"${LOAD_HEAP:-1g}" -jar "$root/acs-server/target/lodestar.jar" \
      load --url "http://127.0.0.1:$port/" --devices "$devices" --scenario "$scenario" --no-prime \
      --credentials-file "$dir/data/cpe-credentials" --json "$dir/load-$scenario.json" "$@" \
      | tee "$dir/load-$scenario.out" | grep -v '^{' || true
    echo "load took $(( $(date +%s) - start )) s"
    jcmd $acs GC.run > /dev/null
    sleep 1
    echo "heap after a full GC at the end:"
    jcmd $acs GC.heap_info | head -3
    echo "largest heap after any GC during the run (MB, from $gclog):"
    grep 'Pause' "$gclog" | grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' \
      | sed -E 's/[0-9]+M->([0-9]+)M\(([0-9]+)M\)/\1 \2/' | sort -n | tail -1 | awk '{print $1 " MB of " $2 " MB committed"}'
    echo "full GCs (the last one is the jcmd GC.run above): $(grep -cE 'Pause Full.*ms$' "$gclog")"
    echo "sessions in the ACS log by outcome:"
    grep -oE 'outcome=[a-z_]+' "$dir/acs-$scenario.log" | sort | uniq -c || true
    kill $acs; wait $acs 2>/dev/null || true
    trap - EXIT ;;
  *) echo "seed or serve, not $cmd" >&2; exit 2 ;;
esac
