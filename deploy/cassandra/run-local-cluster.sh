#!/usr/bin/env bash
# A three-node Cassandra 5.0 cluster on one machine: 127.0.0.1, 127.0.0.2 and 127.0.0.3, each on the
# usual ports (CQL 9042, inter-node 7000), seed 127.0.0.1, datacenter "datacenter1". About 1 GB per node.
#
#   deploy/cassandra/run-local-cluster.sh start    # starts the nodes one after the other (a node joins at a time)
#   deploy/cassandra/run-local-cluster.sh status   # process, CQL port and nodetool status of each node
#   deploy/cassandra/run-local-cluster.sh stop     # stops them gracefully (drain), in reverse order
#
# Contact points for a client: 127.0.0.1:9042,127.0.0.2:9042,127.0.0.3:9042 (local datacenter datacenter1).
# Linux answers on all of 127.0.0.0/8 without setup; on macOS first: sudo ifconfig lo0 alias 127.0.0.2 up
# (and 127.0.0.3). Each node runs under a small supervising JVM (CassandraNodeMain) whose pid is in
# DIR/nodeN.pid; node N's data and log (node.log) are in DIR/nodeN, the supervisor's output in DIR/nodeN.out.
# Local JMX (for nodetool) listens on 127.0.0.1:719N.
#
# Environment: CASSANDRA_CLUSTER_DIR (default ./cassandra-cluster), CASSANDRA_HEAP (default 1g),
# CASSANDRA_NODES (default 3), JAVA (default java on PATH).
set -euo pipefail
dir="${CASSANDRA_CLUSTER_DIR:-./cassandra-cluster}"
heap="${CASSANDRA_HEAP:-1g}"
nodes="${CASSANDRA_NODES:-3}"
java="${JAVA:-java}"
main=io.lodestar.acs.cassandra.node.CassandraNodeMain

pid_of() { [ -f "$dir/node$1.pid" ] && cat "$dir/node$1.pid"; }
running() { local pid; pid="$(pid_of "$1")" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
cql_up() { # a TCP connect to the node's CQL port
  (exec 3<>"/dev/tcp/127.0.0.$1/9042") 2>/dev/null
}

start() {
  . "$(dirname "${BASH_SOURCE[0]}")/node-jar.sh"
  mkdir -p "$dir"
  for i in $(seq 1 "$nodes"); do
    if running "$i"; then echo "node$i (127.0.0.$i) already runs, pid $(pid_of "$i")"; continue; fi
    echo "starting node$i on 127.0.0.$i:9042 ..."
    nohup "$java" -Xmx64m -cp "$NODE_JAR" "$main" --dir "$dir/node$i" --cluster-name lodestar-local \
      --listen-address "127.0.0.$i" --seeds 127.0.0.1 --native-port 9042 --storage-port 7000 \
      --jmx-port "719$i" --heap "$heap" --startup-timeout 300 </dev/null >"$dir/node$i.out" 2>&1 &
    echo $! >"$dir/node$i.pid"
    # one node joins at a time: Cassandra refuses concurrent bootstraps
    until grep -q "Ctrl-C stops it" "$dir/node$i.out" 2>/dev/null; do
      if ! running "$i"; then
        echo "node$i failed to start:" >&2; cat "$dir/node$i.out" >&2; rm -f "$dir/node$i.pid"; exit 1
      fi
      sleep 1
    done
    grep "Cassandra node up" "$dir/node$i.out"
  done
  echo "contact points: $(for i in $(seq 1 "$nodes"); do printf '127.0.0.%s:9042 ' "$i"; done)(datacenter1)"
}

status() {
  local any=0
  for i in $(seq 1 "$nodes"); do
    if running "$i"; then
      any=1
      if cql_up "$i"; then cql="CQL port open"; else cql="CQL port closed"; fi
      echo "node$i 127.0.0.$i:9042  running (supervisor pid $(pid_of "$i")), $cql, log $dir/node$i/node.log"
    else
      echo "node$i 127.0.0.$i:9042  not running"
    fi
  done
  if [ "$any" = 1 ]; then
    . "$(dirname "${BASH_SOURCE[0]}")/node-jar.sh"
    for i in $(seq 1 "$nodes"); do
      if running "$i"; then
        echo; echo "nodetool status (via node$i, JMX 127.0.0.1:719$i):"
        "$java" -Xmx64m -cp "$NODE_JAR" "$main" nodetool -h 127.0.0.1 -p "719$i" status || true
        break
      fi
    done
  fi
}

stop() {
  for i in $(seq "$nodes" -1 1); do
    if ! running "$i"; then rm -f "$dir/node$i.pid"; continue; fi
    local pid; pid="$(pid_of "$i")"
    echo "stopping node$i (127.0.0.$i) ..."
    kill -TERM "$pid" # the supervisor drains its node (SIGTERM), SIGKILL after 30 s
    for _ in $(seq 1 90); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "node$i did not stop in 90 s; killing it" >&2
      kill -KILL "$pid" # the node halts when its supervisor is gone
    fi
    rm -f "$dir/node$i.pid"
  done
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
