# Sourced by run-local-node.sh and run-local-cluster.sh: sets NODE_JAR to the acs-cassandra-node jar,
# building it (mvn package of the module and its parent) when it is missing or older than its sources.
# The jar carries the classpath of cassandra-all that Maven resolved into the local repository; the build
# downloads cassandra-all 5.0.2 and its dependencies (about 64 MB) from Maven Central the first time.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$root/acs-cassandra-node"
find_jar() {
  NODE_JAR="$(find "$module/target" -maxdepth 1 -name 'acs-cassandra-node-*.jar' \
              ! -name '*-sources.jar' ! -name '*-tests.jar' 2>/dev/null | head -n 1)"
}
find_jar
if [ -z "$NODE_JAR" ] || [ -n "$(find "$module/src/main" "$module/pom.xml" -newer "$NODE_JAR" -print -quit)" ]; then
  echo "building acs-cassandra-node (mvn package)..." >&2
  (cd "$root" && mvn -B -q -DskipTests -pl acs-cassandra-node -am package) >&2
  find_jar
fi
[ -n "$NODE_JAR" ] || { echo "acs-cassandra-node jar not found after the build" >&2; exit 1; }
