#!/usr/bin/env bash
# Measures the learner's loop on this machine, median of five, on a copy of the project whose stubs of
# one Spark and one Flink exercise hold the reference code (so every run does the full work):
#   ./mvnw test -Dexercise=<id> (warm) · ./kata check <id> · a watch re-run, from saving a file to the
#   printed result, after watch's warm-up (a learner reads the stub first) · ./kata list.
# Usage: bench/kata-speed.sh [spark-id] [flink-id]    (prints a Markdown table)
#        bench/kata-speed.sh --watch <id>...          (only the watch re-run, for each exercise named)
#        bench/kata-speed.sh --floor [id]             (./mvnw test -Dexercise=<id> -Psolutions against a
#                                                      trivial project with one JUnit test, pair by pair: with
#                                                      Maven's defaults, then with this project's .mvn options)
set -euo pipefail
watch_only=false
floor_only=false
if [ "${1:-}" = "--watch" ]; then watch_only=true; shift; watch_ids=("$@"); fi
if [ "${1:-}" = "--floor" ]; then floor_only=true; shift; fi
spark_id=${1:-broadcast-join}
flink_id=${2:-fraud-detection}
source_root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'pkill -f "kata.root=$work" 2>/dev/null || true; rm -rf "$work"' EXIT

cp -r "$source_root/." "$work/" && rm -rf "$work/target" "$work/.kata"
cd "$work"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
stub_of() { sed -n "/id = \"$1\"/,/^stub/ s/^stub = \"\(.*\)\"/\1/p" catalogue.toml; }
wall_ms() { # command... : its wall time in ms
  local start
  start=$(now_ms); "$@" >/dev/null 2>&1 || true; echo $(( $(now_ms) - start ))
}
passing_ms() { # command... : its wall time in ms; fails when the command does (a failed run is no measure)
  local start
  start=$(now_ms); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }; echo $(( $(now_ms) - start ))
}
times5() { # command... : five wall times in ms, one per line
  for _ in 1 2 3 4 5; do wall_ms "$@"; done
}

now_us() { echo "${EPOCHREALTIME/./}"; } # no process forked: the measuring must not take a core from the loop

watch_rerun() { # id stub: five save-to-result latencies (ms) of a warm watch
  local log="$work/watch-$1.log" fifo="$work/keys-$1" edits="$work/edits-$1"
  mkfifo "$fifo"
  sleep 3600 > "$fifo" &
  local holder=$!
  # Each output line is stamped when it arrives, so the latency comes from stamps, not from polling.
  ./kata watch "$1" --poll-ms 50 < "$fifo" 2>&1 | while IFS= read -r line; do echo "${EPOCHREALTIME/./} $line"; done > "$log" &
  results() { local n; n=$(grep -c ' ([0-9]* ms: ' "$log" 2>/dev/null) || true; echo "${n:-0}"; }
  until [ "$(results)" -ge 1 ]; do sleep 0.2; done
  # A learner reads the stub before the first save; watch warms up meanwhile (its line says when done).
  until grep -q 'warmed up' "$log"; do sleep 0.2; done
  grep -o 'warmed up: .*' "$log" >&2
  for i in 1 2 3 4 5; do
    now_us >> "$edits"
    echo "// edit $i" >> "$2"
    until [ "$(results)" -ge $((i + 1)) ]; do sleep 0.2; done
    sleep 1
  done
  echo q > "$fifo"
  kill "$holder" 2>/dev/null || true
  wait 2>/dev/null || true
  grep ' ([0-9]* ms: ' "$log" | tail -n 5 | cut -d' ' -f1 | paste "$edits" - | awk '{ print int(($2 - $1) / 1000) }'
}

if $floor_only; then
  # The floor: the same wrapper, Maven, surefire and JUnit versions, one test that asserts one thing; Maven's
  # own options (.mvn/jvm.config, .mvn/maven.config) are the defaults, and this project's in a copy of it.
  floor="$work/floor"
  mkdir -p "$floor/src/test/java/floor" "$floor/.mvn"
  cp -r mvnw "$floor/" && cp -r .mvn/wrapper "$floor/.mvn/"
  version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n 1; }
  cat > "$floor/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>floor</groupId>
  <artifactId>floor</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>$(version junit.version)</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>$(version maven-compiler-plugin.version)</version>
      </plugin>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>$(version maven-surefire-plugin.version)</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
  cat > "$floor/src/test/java/floor/FloorTest.java" <<'JAVA'
package floor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FloorTest {
    @Test
    void adds() {
        assertEquals(4, 2 + 2);
    }
}
JAVA
  id=${1:-broadcast-join}
  cp -r "$floor" "$work/floor-tuned" && cp .mvn/*.config "$work/floor-tuned/.mvn/"
  floor_test() { (cd "$1" && ./mvnw -q test); }
  floor_test "$floor" >/dev/null 2>&1 # downloads what the floor needs, compiles
  floor_test "$work/floor-tuned" >/dev/null 2>&1
  ./mvnw -q test -Psolutions -Dexercise="$id" >/dev/null 2>&1 || true # compiles
  echo "| pair | ./mvnw -q test -Psolutions -Dexercise=$id (ms) | trivial project (ms) | ratio | trivial project with this .mvn (ms) | ratio |"
  echo "|---|---|---|---|---|---|"
  ratios=() tuned_ratios=()
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
  for pair in 1 2 3 4 5; do
    project_ms=$(passing_ms ./mvnw -q test -Psolutions -Dexercise="$id")
    floor_ms=$(wall_ms floor_test "$floor")
    tuned_ms=$(wall_ms floor_test "$work/floor-tuned")
    ratios+=("$(ratio "$project_ms" "$floor_ms")")
    tuned_ratios+=("$(ratio "$project_ms" "$tuned_ms")")
    echo "| $pair | $project_ms | $floor_ms | ${ratios[-1]}× | $tuned_ms | ${tuned_ratios[-1]}× |"
  done
  middle() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[3] }'; }
  echo "| median | | | $(middle "${ratios[@]}")× | | $(middle "${tuned_ratios[@]}")× |"
  exit 0
fi

if $watch_only; then
  for id in "${watch_ids[@]}"; do cp "solutions/$(stub_of "$id")" "exercises/$(stub_of "$id")"; done
  ./kata list >/dev/null 2>&1 # builds the class path cache
  echo "| exercise | kata watch: save → result (median of 5, ms) | tests passed in the last run |"
  echo "|---|---|---|"
  for id in "${watch_ids[@]}"; do
    latency=$(watch_rerun "$id" "exercises/$(stub_of "$id")" | median)
    echo "| $id | $latency | $(grep -o '[0-9]* of [0-9]* tests pass' "$work/watch-$id.log" | tail -n 1) |"
  done
  exit 0
fi

for id in "$spark_id" "$flink_id"; do
  stub=$(stub_of "$id")
  cp "solutions/$stub" "exercises/$stub"
done

./kata list >/dev/null 2>&1 # builds the class path cache
./mvnw -q test -Dexercise="$spark_id" >/dev/null 2>&1 || true # warms Maven and compiles

echo "| measure (median of 5, ms) | $spark_id (Spark) | $flink_id (Flink) |"
echo "|---|---|---|"
row() { echo "| $1 | $2 | $3 |"; }
row "./mvnw test -Dexercise=<id>, warm" \
  "$(times5 ./mvnw -q test -Dexercise="$spark_id" | median)" "$(times5 ./mvnw -q test -Dexercise="$flink_id" | median)"
row "./kata check <id>" \
  "$(times5 ./kata check "$spark_id" | median)" "$(times5 ./kata check "$flink_id" | median)"
row "kata watch: save → result" \
  "$(watch_rerun "$spark_id" "exercises/$(stub_of "$spark_id")" | median)" \
  "$(watch_rerun "$flink_id" "exercises/$(stub_of "$flink_id")" | median)"
list_ms=$(times5 ./kata list | median)
row "./kata list" "$list_ms" "$list_ms"
