#!/usr/bin/env bash
# One real Cassandra 5.0 node on 127.0.0.1:9042 (inter-node port 7000), data under ./cassandra-data,
# in the foreground until Ctrl-C, which stops it gracefully. Needs only a JDK 17 and Maven; about 1 GB.
#
#   deploy/cassandra/run-local-node.sh                     # 127.0.0.1:9042, ./cassandra-data
#   deploy/cassandra/run-local-node.sh --heap 2g --native-port 9142 --dir /var/tmp/cass
#
# Every option of CassandraNodeMain works (--help lists them); the node's log is DIR/node.log.
# Environment: CASSANDRA_DATA (default ./cassandra-data), JAVA (default java on PATH).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/node-jar.sh"
exec "${JAVA:-java}" -Xmx64m -cp "$NODE_JAR" io.lodestar.acs.cassandra.node.CassandraNodeMain \
  --dir "${CASSANDRA_DATA:-./cassandra-data}" --native-port 9042 --storage-port 7000 "$@"
