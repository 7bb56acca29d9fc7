#!/usr/bin/env bash
# daemonguard end to end on the sample project, from any directory, on a machine with only
# JDK 17+, Maven and access to Maven Central. The sample has two bugs:
#   - AuditExporter: main starts a daemon thread that exports rows through a BufferedWriter and
#     returns; the JVM kills the thread at exit (DaemonThreadResource);
#   - AuditReport/ReportWriter: a (non-daemon) thread writes the report's details through a
#     try-with-resources writer that closes under it: 'IOException: Stream closed'
#     (TaskOutlivesResource);
#   - AuditFileLogger: a class lifecycle — the constructor starts a flusher thread that writes the
#     queued events; close() tells it to stop and closes the writer without waiting for it
#     (TaskOutlivesResource, reported at the close).
# The demo:
#   1. installs the checker into the local Maven repository;
#   2. builds the sample as a user would: the warnings show, the build passes;
#   3. runs the programs: the export's file is missing or short; the report and the audit log are
#      short and their threads die with 'Stream closed';
#   4. builds it with -Werror: the build fails on the warnings;
#   5. copies the sources to sample-project/build-demo/ and lets Error Prone apply the fixes there
#      (-XepPatchChecks; the committed sources never change), then shows the diff;
#   6. builds the patched copy with -Werror: it passes;
#   7. runs the patched programs: every file is complete, and no thread fails.
# Exits non-zero as soon as something does not behave as described, so it is also a test.
set -euo pipefail

SAMPLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SAMPLE_DIR/.." && pwd)"
DEMO="$SAMPLE_DIR/build-demo"
LOGS="$DEMO/logs"
EXPORT_MAIN=io.github.daemonguard.sample.AuditExporter
REPORT_MAIN=io.github.daemonguard.sample.AuditReport
LOGGER_MAIN=io.github.daemonguard.sample.AuditFileLogger
EVENTS=5000
EXPECTED_LINES=$((EVENTS + 1)) # both files: a header line, then one line per event
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
# Runs a main class from a classes directory with its standard error in a log, and prints how
# many lines its output file has (0 when the file does not exist). The program's standard output
# goes to the terminal. An exception in another thread leaves the exit status 0; the log has it.
run_lines() {
  local main="$1" classes="$2" out="$3" err="$4"
  rm -f "$out"
  "$JAVA" -cp "$classes" "$main" "$out" "$EVENTS" >&2 2>"$err" \
    || { cat "$err" >&2; fail "$main exited with an error"; }
  if [[ -f "$out" ]]; then wc -l <"$out" | tr -d ' '; else echo 0; fi
}
# Prints the exception lines (not the stack frames) of a program's standard error.
show_exceptions() {
  grep -E '^(Exception in thread|Caused by:)' "$1" | sed 's/^/  stderr: /' || true
}

rm -rf "$DEMO"
mkdir -p "$LOGS"

step "1. Installing the daemonguard checker into the local Maven repository"
(cd "$ROOT" && "${MVN[@]}" -q install -pl checker -am -DskipTests -Dspotless.check.skip=true) \
  || fail "could not build and install the checker"

step "2. Normal build of the sample (mvn clean compile): the warnings show, the build passes"
sample_mvn "$LOGS/1-normal.log" clean compile \
  || { tail -40 "$LOGS/1-normal.log"; fail "the normal build failed; it should only warn"; }
show_findings "$LOGS/1-normal.log"
for check in DaemonThreadResource TaskOutlivesResource; do
  grep -q "\\[$check\\]" "$LOGS/1-normal.log" \
    || { tail -40 "$LOGS/1-normal.log"; fail "no [$check] warning in the normal build"; }
done
echo "(build passed; full log: $LOGS/1-normal.log)"

step "3a. Running the unpatched exporter: main returns, the JVM exits, the daemon exporter dies"
BEFORE=$(run_lines "$EXPORT_MAIN" "$SAMPLE_DIR/target/classes" "$DEMO/before.csv" \
  "$LOGS/run-export-before.err")
if [[ -f "$DEMO/before.csv" ]]; then
  echo "before the fix: $DEMO/before.csv has $BEFORE of $EXPECTED_LINES lines"
else
  echo "before the fix: $DEMO/before.csv was never created (0 of $EXPECTED_LINES lines)"
fi
((BEFORE < EXPECTED_LINES)) \
  || fail "the unpatched exporter wrote all $EXPECTED_LINES lines; expected it to lose some"

step "3b. Running the unpatched report: the writer closes under the thread writing the details"
REPORT_BEFORE=$(run_lines "$REPORT_MAIN" "$SAMPLE_DIR/target/classes" "$DEMO/before-report.txt" \
  "$LOGS/run-report-before.err")
show_exceptions "$LOGS/run-report-before.err"
echo "before the fix: $DEMO/before-report.txt has $REPORT_BEFORE of $EXPECTED_LINES lines"
((REPORT_BEFORE < EXPECTED_LINES)) \
  || fail "the unpatched report has all $EXPECTED_LINES lines; expected it to be cut short"
grep -q 'IOException: Stream closed' "$LOGS/run-report-before.err" \
  || fail "the unpatched report's thread did not fail with 'Stream closed' (stderr: $LOGS/run-report-before.err)"

step "3c. Running the unpatched audit logger: close() closes the writer under its flusher"
grep -q "AuditFileLogger.java.*\\[TaskOutlivesResource\\] 'out' is closed here while the thread 'flusher'" \
  "$LOGS/1-normal.log" || fail "no class-lifecycle warning at AuditFileLogger's close()"
LOGGER_BEFORE=$(run_lines "$LOGGER_MAIN" "$SAMPLE_DIR/target/classes" "$DEMO/before-log.csv" \
  "$LOGS/run-logger-before.err")
show_exceptions "$LOGS/run-logger-before.err"
echo "before the fix: $DEMO/before-log.csv has $LOGGER_BEFORE of $EXPECTED_LINES lines"
((LOGGER_BEFORE < EXPECTED_LINES)) \
  || fail "the unpatched audit log has all $EXPECTED_LINES lines; expected it to be cut short"
grep -q 'IOException: Stream closed' "$LOGS/run-logger-before.err" \
  || fail "the unpatched flusher did not fail with 'Stream closed' (stderr: $LOGS/run-logger-before.err)"

step "4. Strict build (mvn clean compile -Pstrict, i.e. -Werror): expected to FAIL"
if sample_mvn "$LOGS/2-strict.log" clean compile -Pstrict; then
  fail "the strict build passed; -Werror should have failed it on the warnings"
fi
show_findings "$LOGS/2-strict.log"
# With -Werror, javac stops each later class before Error Prone runs once a warning has been
# reported, so this build shows the findings of the first file that has any, not all of them.
grep -qE "\\[($CHECKS)\\]" "$LOGS/2-strict.log" \
  || { tail -40 "$LOGS/2-strict.log"; fail "the strict build failed, but not on daemonguard's warning"; }
grep -F 'warnings found and -Werror specified' "$LOGS/2-strict.log" | head -1
echo "(failed as expected; full log: $LOGS/2-strict.log)"

step "5. Applying the suggested fixes to a copy (mvn clean compile -Ppatch) in $DEMO/src"
cp -R "$SAMPLE_DIR/src" "$DEMO/src"
sample_mvn "$LOGS/3-patch.log" clean compile -Ppatch \
  "-Dsample.sourceDirectory=$DEMO/src/main/java" "-Dsample.buildDirectory=$DEMO/target-patch" \
  || { tail -40 "$LOGS/3-patch.log"; fail "the patch build failed"; }
grep -F 'Refactoring changes were successfully applied' "$LOGS/3-patch.log" || true
echo
rc=0
(cd "$SAMPLE_DIR" && diff -ru src build-demo/src) || rc=$?
((rc == 1)) || fail "the patch run changed nothing (diff exit status $rc)"
for file in AuditExporter ReportWriter AuditFileLogger; do
  if cmp -s "$SAMPLE_DIR/src/main/java/io/github/daemonguard/sample/$file.java" \
    "$DEMO/src/main/java/io/github/daemonguard/sample/$file.java"; then
    fail "the patch run left $file.java unchanged"
  fi
done

step "6. Strict build of the patched copy (-Werror): must pass"
sample_mvn "$LOGS/4-patched-strict.log" clean compile -Pstrict \
  "-Dsample.sourceDirectory=$DEMO/src/main/java" "-Dsample.buildDirectory=$DEMO/target" \
  || {
    show_findings "$LOGS/4-patched-strict.log"
    tail -40 "$LOGS/4-patched-strict.log"
    fail "the patched sources do not compile cleanly under -Werror"
  }
echo "(passed; full log: $LOGS/4-patched-strict.log)"

step "7a. Running the patched exporter: main now waits for the exporter"
AFTER=$(run_lines "$EXPORT_MAIN" "$DEMO/target/classes" "$DEMO/after.csv" "$LOGS/run-export-after.err")
echo "after the fix: $DEMO/after.csv has $AFTER of $EXPECTED_LINES lines"
if [[ -s "$LOGS/run-export-after.err" ]]; then
  cat "$LOGS/run-export-after.err" >&2
  fail "the patched exporter printed errors"
fi
((AFTER == EXPECTED_LINES)) \
  || fail "the patched exporter wrote $AFTER lines, expected $EXPECTED_LINES"

step "7b. Running the patched report: the writer now closes after the details thread is done"
REPORT_AFTER=$(run_lines "$REPORT_MAIN" "$DEMO/target/classes" "$DEMO/after-report.txt" \
  "$LOGS/run-report-after.err")
echo "after the fix: $DEMO/after-report.txt has $REPORT_AFTER of $EXPECTED_LINES lines"
if [[ -s "$LOGS/run-report-after.err" ]]; then
  cat "$LOGS/run-report-after.err" >&2
  fail "the patched report printed errors"
fi
((REPORT_AFTER == EXPECTED_LINES)) \
  || fail "the patched report has $REPORT_AFTER lines, expected $EXPECTED_LINES"

step "7c. Running the patched audit logger: close() now waits for the flusher before closing"
LOGGER_AFTER=$(run_lines "$LOGGER_MAIN" "$DEMO/target/classes" "$DEMO/after-log.csv" \
  "$LOGS/run-logger-after.err")
echo "after the fix: $DEMO/after-log.csv has $LOGGER_AFTER of $EXPECTED_LINES lines"
if [[ -s "$LOGS/run-logger-after.err" ]]; then
  cat "$LOGS/run-logger-after.err" >&2
  fail "the patched audit logger printed errors"
fi
((LOGGER_AFTER == EXPECTED_LINES)) \
  || fail "the patched audit log has $LOGGER_AFTER lines, expected $EXPECTED_LINES"

printf '\n\033[1;32mDEMO PASSED:\033[0m before the fix the export lost data (%s of %s lines), the report was cut short (%s of %s lines, "Stream closed") and so was the audit log (%s of %s lines); after it all three are complete (%s, %s and %s lines).\n' \
  "$BEFORE" "$EXPECTED_LINES" "$REPORT_BEFORE" "$EXPECTED_LINES" "$LOGGER_BEFORE" "$EXPECTED_LINES" \
  "$AFTER" "$REPORT_AFTER" "$LOGGER_AFTER"
