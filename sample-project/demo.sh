#!/usr/bin/env bash
# daemonguard end to end on the sample project, from any directory, on a machine with only
# JDK 17+, Maven and access to Maven Central:
#   1. installs the checker into the local Maven repository;
#   2. builds the sample as a user would: daemonguard's warning shows, the build passes;
#   3. runs the program: the export's output file is missing or short;
#   4. builds it with -Werror: the build fails on the warning;
#   5. copies the sources to sample-project/build-demo/ and lets Error Prone apply the fix there
#      (-XepPatchChecks; the committed sources never change), then shows the diff;
#   6. builds the patched copy with -Werror: it passes;
#   7. runs the patched program: the output file is complete.
# Exits non-zero as soon as something does not behave as described, so it is also a test.
set -euo pipefail

SAMPLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SAMPLE_DIR/.." && pwd)"
DEMO="$SAMPLE_DIR/build-demo"
LOGS="$DEMO/logs"
MAIN_CLASS=io.github.daemonguard.sample.AuditExporter
EVENTS=5000
EXPECTED_LINES=$((EVENTS + 1)) # a header line, then one line per event
CHECKS='DaemonThreadResource|TaskOutlivesResource|UnjoinedExecutorResource'

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
MVN=(mvn -B -ntp)

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() {
  printf '\n\033[1;31mDEMO FAILED: %s\033[0m\n' "$*" >&2
  exit 1
}
# Prints daemonguard's diagnostics from a Maven log, each with its continuation lines.
show_findings() {
  awk -v re="\\\\[($CHECKS)\\\\]" '
    $0 ~ re { on = 1; print; next }
    /^\[/ { on = 0 }
    on { print }' "$1"
}
# Runs Maven on the sample with its output in a log; returns Maven's exit status.
sample_mvn() {
  local log="$1"
  shift
  (cd "$ROOT" && "${MVN[@]}" -f sample-project/pom.xml "$@") >"$log" 2>&1
}
# Runs the exporter from a classes directory and prints how many lines its output file has
# (0 when the file does not exist).
export_lines() {
  local classes="$1" out="$2"
  rm -f "$out"
  "$JAVA" -cp "$classes" "$MAIN_CLASS" "$out" "$EVENTS" >&2 || fail "the program exited with an error"
  if [[ -f "$out" ]]; then wc -l <"$out" | tr -d ' '; else echo 0; fi
}

rm -rf "$DEMO"
mkdir -p "$LOGS"

step "1. Installing the daemonguard checker into the local Maven repository"
(cd "$ROOT" && "${MVN[@]}" -q install -pl checker -am -DskipTests -Dspotless.check.skip=true) \
  || fail "could not build and install the checker"

step "2. Normal build of the sample (mvn clean compile): the warning shows, the build passes"
sample_mvn "$LOGS/1-normal.log" clean compile \
  || { tail -40 "$LOGS/1-normal.log"; fail "the normal build failed; it should only warn"; }
show_findings "$LOGS/1-normal.log"
grep -q '\[DaemonThreadResource\]' "$LOGS/1-normal.log" \
  || { tail -40 "$LOGS/1-normal.log"; fail "no [DaemonThreadResource] warning in the normal build"; }
echo "(build passed; full log: $LOGS/1-normal.log)"

step "3. Running the unpatched program: main returns, the JVM exits, the daemon exporter dies"
BEFORE=$(export_lines "$SAMPLE_DIR/target/classes" "$DEMO/before.csv")
if [[ -f "$DEMO/before.csv" ]]; then
  echo "before the fix: $DEMO/before.csv has $BEFORE of $EXPECTED_LINES lines"
else
  echo "before the fix: $DEMO/before.csv was never created (0 of $EXPECTED_LINES lines)"
fi
((BEFORE < EXPECTED_LINES)) \
  || fail "the unpatched program wrote all $EXPECTED_LINES lines; expected it to lose some"

step "4. Strict build (mvn clean compile -Pstrict, i.e. -Werror): expected to FAIL"
if sample_mvn "$LOGS/2-strict.log" clean compile -Pstrict; then
  fail "the strict build passed; -Werror should have failed it on the warning"
fi
show_findings "$LOGS/2-strict.log"
grep -q '\[DaemonThreadResource\]' "$LOGS/2-strict.log" \
  || { tail -40 "$LOGS/2-strict.log"; fail "the strict build failed, but not on daemonguard's warning"; }
grep -F 'warnings found and -Werror specified' "$LOGS/2-strict.log" | head -1
echo "(failed as expected; full log: $LOGS/2-strict.log)"

step "5. Applying the suggested fix to a copy (mvn clean compile -Ppatch) in $DEMO/src"
cp -R "$SAMPLE_DIR/src" "$DEMO/src"
sample_mvn "$LOGS/3-patch.log" clean compile -Ppatch \
  "-Dsample.sourceDirectory=$DEMO/src/main/java" "-Dsample.buildDirectory=$DEMO/target-patch" \
  || { tail -40 "$LOGS/3-patch.log"; fail "the patch build failed"; }
grep -F 'Refactoring changes were successfully applied' "$LOGS/3-patch.log" || true
echo
rc=0
(cd "$SAMPLE_DIR" && diff -ru src build-demo/src) || rc=$?
((rc == 1)) || fail "the patch run changed nothing (diff exit status $rc)"

step "6. Strict build of the patched copy (-Werror): must pass"
sample_mvn "$LOGS/4-patched-strict.log" clean compile -Pstrict \
  "-Dsample.sourceDirectory=$DEMO/src/main/java" "-Dsample.buildDirectory=$DEMO/target" \
  || {
    show_findings "$LOGS/4-patched-strict.log"
    tail -40 "$LOGS/4-patched-strict.log"
    fail "the patched sources do not compile cleanly under -Werror"
  }
echo "(passed; full log: $LOGS/4-patched-strict.log)"

step "7. Running the patched program: main now waits for the exporter"
AFTER=$(export_lines "$DEMO/target/classes" "$DEMO/after.csv")
echo "after the fix: $DEMO/after.csv has $AFTER of $EXPECTED_LINES lines"
((AFTER == EXPECTED_LINES)) \
  || fail "the patched program wrote $AFTER lines, expected $EXPECTED_LINES"

printf '\n\033[1;32mDEMO PASSED:\033[0m the export lost data before the fix (%s of %s lines) and wrote all of it after (%s).\n' \
  "$BEFORE" "$EXPECTED_LINES" "$AFTER"
