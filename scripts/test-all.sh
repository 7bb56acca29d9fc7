#!/usr/bin/env bash
# Runs all of daemonguard's tests, at both ends of the supported Error Prone range:
#   1. JDK 17 (the default JDK) with Error Prone 2.42.0: `mvn clean deploy` at the repository root
#      — unit and refactoring tests, the end-to-end javac tests, the formatting check, the sample
#      project's build with the plugin — deploying the release artifacts (parent and checker: jar,
#      sources, Javadoc) to a file repository, release-check/target/staging-repo, not to ~/.m2;
#   2. release-check/check.sh: the artifact set, and a consumer project outside the reactor built
#      from the README's Maven snippet against that repository, on JDK 17 and JDK 25;
#   3. JDK 25 with Error Prone 2.52.0 (error_prone_test_helpers 2.50.0, the newest served):
#      `mvn clean verify`, where the Java 21 shapes (virtual threads, Thread.ofPlatform()) also run.
#      The checker is still compiled against the 2.42.0 API (error-prone-api.version), as the
#      released jar is, and runs on 2.52.0 in the tests and the sample project.
#
# JDK 25 is looked for in $DAEMONGUARD_JDK25, default /usr/lib/jvm/temurin-25-jdk-amd64; when it
# is missing, its runs are skipped with a loud warning. Exits non-zero if any step fails.
# The formatting check runs in the first pass only: it does not depend on the JDK, and the
# pinned google-java-format refuses to run on JDK 25.
# Each pass starts from `clean`: classes left by the other JDK would otherwise be "up to date"
# and the sample project's compile, where the plugin runs, would silently check nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JDK25="${DAEMONGUARD_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
STAGING="$ROOT/release-check/target/staging-repo"
# The upper end of the range: Error Prone core, and its test helpers (not served past 2.50.0).
EP_NEWEST=2.52.0
EP_TEST_HELPERS_NEWEST=2.50.0
cd "$ROOT"

failed=()
skipped=""

# run NAME COMMAND...: runs one step, prints its outcome and time, records a failure.
run() {
  local name="$1" start=$SECONDS
  shift
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  if "$@"; then
    printf '\033[1;32m==> %s: passed (%d s)\033[0m\n' "$name" $((SECONDS - start))
  else
    printf '\033[1;31m==> %s: FAILED (%d s)\033[0m\n' "$name" $((SECONDS - start))
    failed+=("$name")
  fi
}

rm -rf "$STAGING"
run "JDK 17 + Error Prone 2.42.0: mvn clean deploy to $STAGING ($(java -version 2>&1 | head -1))" \
  mvn -B -ntp clean deploy -Dmaven.install.skip=true \
  "-DaltDeploymentRepository=daemonguard-staging::file://$STAGING"

if ((${#failed[@]} == 0)); then
  run "release check: the artifact set and a consumer of the README snippet" release-check/check.sh
else
  failed+=("release check (not run: the build failed)")
fi

if [[ -x "$JDK25/bin/java" ]]; then
  JAVA_HOME="$JDK25" PATH="$JDK25/bin:$PATH" \
    run "JDK 25 + Error Prone $EP_NEWEST: mvn clean verify ($("$JDK25/bin/java" -version 2>&1 | head -1))" \
    mvn -B -ntp clean verify -Dspotless.check.skip=true "-Derror-prone.version=$EP_NEWEST" \
    "-Derror-prone-test-helpers.version=$EP_TEST_HELPERS_NEWEST"
else
  cat >&2 <<WARN

############################################################################
# WARNING: no JDK 25 at $JDK25
# The JDK 25 pass is SKIPPED: Error Prone $EP_NEWEST and the Java 21 shapes
# (virtual threads, Thread.ofPlatform()) were NOT tested.
# Set DAEMONGUARD_JDK25 to a JDK 21+.
############################################################################

WARN
  skipped=" (JDK 25 pass SKIPPED: no JDK at $JDK25)"
fi

if ((${#failed[@]} > 0)); then
  printf '\n\033[1;31mtest-all: FAILED on: %s\033[0m\n' "${failed[*]}" >&2
  exit 1
fi
printf '\n\033[1;32mtest-all: every pass that ran succeeded%s\033[0m\n' "$skipped"
