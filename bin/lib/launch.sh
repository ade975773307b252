# Sourced by the bin/ scripts: run_main MODULE MAIN_CLASS [ARGS...]
# Builds MODULE and what it needs (once, quietly, skipping tests) unless TIMECOIN_NO_BUILD=1, then runs
# MAIN_CLASS on a JDK 21+ with the module's runtime classpath.
set -euo pipefail
TIMECOIN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

run_main() {
  local module=$1 main=$2
  shift 2
  local java_home
  java_home=$("$TIMECOIN_ROOT/bin/find-jdk")
  if [ "${TIMECOIN_NO_BUILD:-0}" != 1 ]; then
    (cd "$TIMECOIN_ROOT" && JAVA_HOME=$java_home ./mvnw -q -B -ntp -pl "$module" -am install -DskipTests -Dmdep.analyze.skip=true \
      -Dspotless.apply.skip=true) >&2
  fi
  local cp="$TIMECOIN_ROOT/$module/target/classes:$(cat "$TIMECOIN_ROOT/$module/target/classpath.txt")"
  exec "$java_home/bin/java" --enable-native-access=ALL-UNNAMED ${TIMECOIN_JAVA_OPTS:-} -cp "$cp" "$main" "$@"
}
