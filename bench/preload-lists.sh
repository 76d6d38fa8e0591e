#!/usr/bin/env bash
# Records the classes a cold test JVM loads from the JDK and the jars for one exercise of each engine: the
# lists katas.support.ClassPreloader loads ahead of the tests and of kata check and watch. Run it again
# after an engine's version changes.
# Usage: bench/preload-lists.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lists=src/main/resources/katas/preload

record() { # engine exercise
  local log="target/class-load-$1.log"
  rm -f "$log"
  ./mvnw -q test -Psolutions -Dexercise="$2" -Dkata.preload=false \
    "-Dkata.test.jvm.options=-XX:TieredStopAtLevel=1 -Xlog:class+load=info:file=$log" > /dev/null
  # Classes from the CDS archive are loaded fast already, hidden classes (lambdas) have no source to load,
  # and jars in the temporary folder are loaded by the engine's own class loaders (Flink's RPC system).
  awk -v tmp="file:${TMPDIR:-/tmp}/" '/ source: (jrt:\/|file:.*\.jar$)/ && index($NF, tmp) != 1 && $2 !~ /^katas\./ { print $2 }' \
    "$log" | gzip -9n > "$lists/$1.txt.gz"
  echo "$1: $(gzip -dc "$lists/$1.txt.gz" | wc -l) classes, from a run of $2's tests"
  rm -f "$log"
}

record spark broadcast-join
record flink event-time-windows
