#!/usr/bin/env bash
# Runs all of daemonguard's tests: `mvn verify` at the repository root (unit and refactoring
# tests, the end-to-end javac tests, the formatting check, and the sample project's build with
# the plugin) on the default JDK (17), then the same on JDK 25 with the same Error Prone version,
# where the Java 21 shapes (virtual threads, Thread.ofPlatform()) really run.
#
# JDK 25 is looked for in $DAEMONGUARD_JDK25, default /usr/lib/jvm/temurin-25-jdk-amd64; when it
# is missing, that pass is skipped with a loud warning. Exits non-zero if any pass fails.
# The formatting check runs in the first pass only: it does not depend on the JDK, and the
# pinned google-java-format refuses to run on JDK 25.
# Each pass starts from `clean`: classes left by the other JDK would otherwise be "up to date"
# and the sample project's compile, where the plugin runs, would silently check nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25="${DAEMONGUARD_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"

failed=()
skipped=""

run_pass() {
  local name="$1"
  shift
  printf '\n\033[1m==> mvn verify on %s\033[0m\n' "$name"
  if mvn -B -ntp clean verify "$@"; then
    printf '\033[1;32m==> %s: passed\033[0m\n' "$name"
  else
    printf '\033[1;31m==> %s: FAILED\033[0m\n' "$name"
    failed+=("$name")
  fi
}

run_pass "the default JDK ($("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1))"

if [[ -x "$JDK25/bin/java" ]]; then
  JAVA_HOME="$JDK25" PATH="$JDK25/bin:$PATH" \
    run_pass "JDK 25 ($("$JDK25/bin/java" -version 2>&1 | head -1))" -Dspotless.check.skip=true
else
  cat >&2 <<WARN

############################################################################
# WARNING: no JDK 25 at $JDK25
# The JDK 25 pass is SKIPPED: the Java 21 shapes (virtual threads,
# Thread.ofPlatform()) were NOT tested. Set DAEMONGUARD_JDK25 to a JDK 21+.
############################################################################

WARN
  skipped=" (JDK 25 pass SKIPPED: no JDK at $JDK25)"
fi

if ((${#failed[@]} > 0)); then
  printf '\n\033[1;31mtest-all: FAILED on: %s\033[0m\n' "${failed[*]}" >&2
  exit 1
fi
printf '\n\033[1;32mtest-all: every pass that ran succeeded%s\033[0m\n' "$skipped"
