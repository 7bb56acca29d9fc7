#!/usr/bin/env bash
# Checks the release as a user gets it, from the artifacts `mvn deploy` wrote to a file repository
# (scripts/test-all.sh's first pass writes release-check/target/staging-repo):
#   1. the artifact set: daemonguard-parent (pom) and daemonguard-checker (jar, sources jar,
#      Javadoc jar, pom), nothing else; the poms carry the metadata Maven Central requires;
#   2. the versions agree: the README's snippet names the version being built, the checks' doc
#      links name its release tag, CHANGELOG.md has a section for it;
#   3. a consumer project outside the reactor, whose pom.xml and .mvn/jvm.config are taken from
#      README.md between its marker comments, resolves the checker from that file repository
#      only (a local repository of its own, emptied of daemonguard first: never the reactor's
#      classes, never ~/.m2) and compiles a daemon-writer bug. The daemonguard warning must show,
#      with its doc link; a correct class must not warn; with -XepExcludedPaths and
#      -XepDisableWarningsInGeneratedCode the excluded and the generated copies must not warn;
#      with -XepCompilingTestOnlyCode the checks run unchanged. On JDK 17 with the snippet as
#      written (Error Prone 2.42.0) and --release 8; on JDK 25 with Error Prone 2.52.0 (release 25
#      and 8) and 2.42.0 (release 25): the jar built against 2.42.0 runs on both ends of the range.
#
# Usage: release-check/check.sh [--deploy]
#   --deploy  first deploys parent and checker to the staging repository (no tests), for running
#             this check alone.
# Environment: DAEMONGUARD_JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64; when missing the
#   JDK 25 runs are skipped with a loud warning), DAEMONGUARD_CONSUMER_REPO (the consumer's local
#   repository, default ~/.cache/daemonguard/consumer-m2), DAEMONGUARD_CONSUMER_JDK17 and
#   DAEMONGUARD_CONSUMER_JDK25 (space-separated ERROR_PRONE_VERSION/RELEASE runs beyond the
#   verbatim one, to measure more of the range).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
STAGING="$HERE/target/staging-repo"
WORK="$HERE/target/consumer"
CONSUMER_REPO="${DAEMONGUARD_CONSUMER_REPO:-${HOME:-/tmp}/.cache/daemonguard/consumer-m2}"
JDK25="${DAEMONGUARD_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JDK17_RUNS="${DAEMONGUARD_CONSUMER_JDK17:-2.42.0/8}"
JDK25_RUNS="${DAEMONGUARD_CONSUMER_JDK25:-2.52.0/25 2.52.0/8 2.42.0/25}"
GROUP_DIR="io/github/daemonguard"
CHECKS='DaemonThreadResource|TaskOutlivesResource|UnjoinedExecutorResource'
# The default JDK's home, for the runs that do not name JDK 25.
JDK_DEFAULT="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

step() { printf '\n\033[1m==> release-check: %s\033[0m\n' "$*"; }
fail() {
  printf '\n\033[1;31mRELEASE CHECK FAILED: %s\033[0m\n' "$*" >&2
  exit 1
}

# The lines of README.md between <!-- NAME:start --> and <!-- NAME:end -->, without the code
# fences; fails unless there is exactly one such block and it is not empty.
readme_block() {
  local name="$1" starts text
  starts=$(grep -c -F "<!-- $name:start -->" "$ROOT/README.md" || true)
  ((starts == 1)) || fail "README.md has $starts '<!-- $name:start -->' markers, expected 1"
  text=$(awk -v s="<!-- $name:start -->" -v e="<!-- $name:end -->" '
    index($0, s) { on = 1; next }
    index($0, e) { on = 0 }
    on && !/^```/' "$ROOT/README.md")
  [[ -n "$text" ]] || fail "README.md's $name block is empty or not closed"
  printf '%s\n' "$text"
}

# The project's version: the first <version> of the root pom (the reactor has no parent).
VERSION=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' "$ROOT/pom.xml" | head -1)
[[ -n "$VERSION" ]] || fail "no <version> in pom.xml"
RELEASE="${VERSION%-SNAPSHOT}"
SNIPPET=$(readme_block consumer-snippet)
JVM_CONFIG=$(readme_block jvm-config)

if [[ "${1:-}" == "--deploy" ]]; then
  step "deploying parent and checker $VERSION to $STAGING (no tests)"
  rm -rf "$STAGING"
  (cd "$ROOT" && mvn -B -ntp -q clean deploy -pl checker -am -DskipTests -Dspotless.check.skip=true \
    -Dmaven.install.skip=true "-DaltDeploymentRepository=daemonguard-staging::file://$STAGING") \
    || fail "mvn deploy failed"
fi

step "versions: $VERSION, doc links at tag v$RELEASE"
readme_version=$(sed -n 's#.*<daemonguard.version>\(.*\)</daemonguard.version>.*#\1#p' <<<"$SNIPPET")
[[ "$readme_version" == "$VERSION" ]] \
  || fail "README.md's snippet names daemonguard $readme_version, the build is $VERSION"
for check in DaemonThreadResource TaskOutlivesResource UnjoinedExecutorResource; do
  grep -q -F "daemonguard/blob/v$RELEASE/docs/bugpatterns/$check.md\"" \
    "$ROOT/checker/src/main/java/io/github/daemonguard/checks/$check.java" \
    || fail "$check's @BugPattern link does not point at the v$RELEASE docs"
  [[ -f "$ROOT/docs/bugpatterns/$check.md" ]] || fail "docs/bugpatterns/$check.md is missing"
done
grep -q "^## \[$RELEASE\]" "$ROOT/CHANGELOG.md" || fail "CHANGELOG.md has no '## [$RELEASE]' section"
echo "README snippet, @BugPattern links and CHANGELOG agree"

step "the artifact set in $STAGING"
[[ -d "$STAGING/$GROUP_DIR" ]] || fail "nothing deployed under $STAGING/$GROUP_DIR"
deployed=$(cd "$STAGING/$GROUP_DIR" && ls | tr '\n' ' ')
[[ "$deployed" == "daemonguard-checker daemonguard-parent " ]] \
  || fail "deployed artifacts are '$deployed', expected only daemonguard-checker and daemonguard-parent"
# The one file of an artifact with the given suffix (.pom, .jar, -sources.jar, …; timestamped for a
# snapshot) in the staging repository; fails unless there is exactly one, with its checksum.
artifact_file() {
  local artifact="$1" suffix="$2" dir="$STAGING/$GROUP_DIR/$1/$VERSION" files
  if [[ "$suffix" == -* ]]; then # a classified file
    files=$(find "$dir" -name "$artifact-$RELEASE*$suffix" 2>/dev/null || true)
  else
    files=$(find "$dir" -name "$artifact-$RELEASE*$suffix" ! -name '*-sources.jar' \
      ! -name '*-javadoc.jar' 2>/dev/null || true)
  fi
  [[ $(wc -w <<<"$files") -eq 1 ]] \
    || fail "expected one $artifact*$suffix in the staging repository, found: ${files:-none}"
  [[ -f "$files.sha1" ]] || fail "$files has no .sha1"
  printf '%s\n' "$files"
}
PARENT_POM=$(artifact_file daemonguard-parent .pom)
CHECKER_POM=$(artifact_file daemonguard-checker .pom)
CHECKER_JAR=$(artifact_file daemonguard-checker .jar)
SOURCES_JAR=$(artifact_file daemonguard-checker -sources.jar)
JAVADOC_JAR=$(artifact_file daemonguard-checker -javadoc.jar)
for tag in '<name>' '<description>' '<url>' '<license>' '<developer>' '<connection>' '<scm'; do
  grep -q -F "$tag" "$PARENT_POM" || fail "the parent pom has no $tag (Maven Central requires it)"
done
for tag in '<name>' '<description>' '<artifactId>daemonguard-parent</artifactId>'; do
  grep -q -F "$tag" "$CHECKER_POM" || fail "the checker pom has no $tag"
done
services=$(unzip -p "$CHECKER_JAR" META-INF/services/com.google.errorprone.bugpatterns.BugChecker)
sources=$(unzip -Z1 "$SOURCES_JAR")
for check in DaemonThreadResource TaskOutlivesResource UnjoinedExecutorResource; do
  grep -qx "io.github.daemonguard.checks.$check" <<<"$services" \
    || fail "the checker jar does not register $check as a BugChecker service"
  grep -qx "io/github/daemonguard/checks/$check.java" <<<"$sources" \
    || fail "the sources jar has no $check.java"
done
javadoc=$(unzip -Z1 "$JAVADOC_JAR") # not piped into grep -q: unzip's SIGPIPE would fail the pipe
grep -qx 'index.html' <<<"$javadoc" || fail "the Javadoc jar has no index.html"
printf '%s\n' "$PARENT_POM" "$CHECKER_POM" "$CHECKER_JAR" "$SOURCES_JAR" "$JAVADOC_JAR" \
  | sed "s#^$STAGING/#  #"

# The consumer: the README's snippet in a pom of its own, the README's jvm.config, the sources of
# release-check/consumer plus two copies of Exporter derived here: one in an 'excluded' package
# and, for --release 9+, one annotated @Generated.
step "consumer builds from the README snippet (local repository $CONSUMER_REPO)"
(($(grep -c -F -- '-Xplugin:ErrorProne' <<<"$SNIPPET") == 1)) \
  || fail "the README snippet must have exactly one -Xplugin:ErrorProne argument"
rm -rf "$WORK" "$CONSUMER_REPO/$GROUP_DIR"
mkdir -p "$WORK" "$CONSUMER_REPO"
cat >"$WORK/settings.xml" <<XML
<settings>
  <profiles>
    <profile>
      <id>daemonguard-staging</id>
      <repositories>
        <repository>
          <id>daemonguard-staging</id>
          <url>file://$STAGING</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>daemonguard-staging</activeProfile></activeProfiles>
</settings>
XML

# consumer NAME JDK_HOME RELEASE EXTRA_XEP_FLAGS [MAVEN_ARGS...]: builds the consumer in
# $WORK/NAME; RELEASE is 'snippet' for the snippet's own; leaves the build log in $WORK/NAME.log.
consumer() {
  local name="$1" jdk="$2" release="$3" extra="$4" dir="$WORK/$1" java_src start
  shift 4
  java_src="$dir/src/main/java/com/acme/consumer"
  mkdir -p "$dir/.mvn"
  cp -R "$HERE/consumer/src" "$dir/"
  mkdir -p "$java_src/excluded"
  sed -e 's/^package com.acme.consumer;/package com.acme.consumer.excluded;/' \
    -e 's/Exporter/LegacyExporter/g' "$java_src/Exporter.java" >"$java_src/excluded/LegacyExporter.java"
  if [[ "$release" == snippet ]] || ((release >= 9)); then
    sed -e 's/^public final class Exporter/@javax.annotation.processing.Generated("a generator")\n&/' \
      -e 's/Exporter/GeneratedExporter/g' "$java_src/Exporter.java" >"$java_src/GeneratedExporter.java"
  fi
  [[ "$release" == snippet ]] || set -- "$@" "-Dmaven.compiler.release=$release"
  {
    cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by release-check/check.sh from README.md's consumer snippet. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>daemonguard-consumer</artifactId>
  <version>1.0</version>
XML
    if [[ -n "$extra" ]]; then
      awk -v extra="$extra" '{ sub(/-Xplugin:ErrorProne/, "-Xplugin:ErrorProne " extra) } 1' <<<"$SNIPPET"
    else
      printf '%s\n' "$SNIPPET"
    fi
    echo '</project>'
  } >"$dir/pom.xml"
  printf '%s\n' "$JVM_CONFIG" >"$dir/.mvn/jvm.config"
  start=$SECONDS
  if ! (cd "$dir" && JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH" mvn -B -ntp -s "$WORK/settings.xml" \
    "-Dmaven.repo.local=$CONSUMER_REPO" clean compile "$@") >"$dir.log" 2>&1; then
    tail -40 "$dir.log"
    fail "consumer '$name' did not build (log: $dir.log)"
  fi
  echo "consumer '$name' built in $((SECONDS - start)) s (log: $dir.log)"
}
# expect NAME FILE yes|no: whether the build of NAME reported a daemonguard finding in FILE.
expect() {
  local name="$1" file="$2" want="$3" found=no
  grep -qE "/$file:\\[[0-9]+,[0-9]+\\] \\[($CHECKS)\\]" "$WORK/$name.log" && found=yes
  [[ "$found" == "$want" ]] || {
    grep -E "\\[($CHECKS)\\]" "$WORK/$name.log" || true
    fail "consumer '$name': daemonguard finding in $file: $found, expected $want (log: $WORK/$name.log)"
  }
}
# The checks of every plain build: the bug warns with the release's doc link, the correct class
# does not, and the copies warn as code like any other.
expect_plain() {
  local name="$1"
  grep -qE "/Exporter.java:\\[[0-9]+,[0-9]+\\] \\[DaemonThreadResource\\]" "$WORK/$name.log" \
    || fail "consumer '$name': no [DaemonThreadResource] warning on Exporter.java (log: $WORK/$name.log)"
  grep -q -F "(see https://github.com/daemonguard/daemonguard/blob/v$RELEASE/docs/bugpatterns/DaemonThreadResource.md)" \
    "$WORK/$name.log" || fail "consumer '$name': the warning does not link to the v$RELEASE docs"
  expect "$name" PoolUser.java no
  expect "$name" Pools.java no
  expect "$name" LegacyExporter.java yes
  if [[ -f "$WORK/$name/src/main/java/com/acme/consumer/GeneratedExporter.java" ]]; then
    expect "$name" GeneratedExporter.java yes
  fi
}

consumer jdk17 "$JDK_DEFAULT" snippet ""
expect_plain jdk17
# The checker the consumer used is the staged one, byte for byte, fetched from the staging repo.
resolved=$(find "$CONSUMER_REPO/$GROUP_DIR/daemonguard-checker" -name "daemonguard-checker-$RELEASE*.jar" \
  ! -name "*-sources.jar" ! -name "*-javadoc.jar")
[[ -n "$resolved" ]] || fail "the consumer did not resolve daemonguard-checker into $CONSUMER_REPO"
for jar in $resolved; do
  cmp -s "$jar" "$CHECKER_JAR" || fail "the consumer's $jar is not the staged $CHECKER_JAR"
done
grep -rqs 'daemonguard-staging' "$CONSUMER_REPO/$GROUP_DIR/daemonguard-checker/$VERSION/" \
  || fail "the consumer's daemonguard-checker did not come from the staging repository"
echo "the consumer compiled with the staged checker jar"

consumer jdk17-flags "$JDK_DEFAULT" snippet \
  "-XepExcludedPaths:.*/excluded/.* -XepDisableWarningsInGeneratedCode -XepCompilingTestOnlyCode -XepOpt:DaemonGuard:Strict=true"
expect jdk17-flags Exporter.java yes
expect jdk17-flags LegacyExporter.java no
expect jdk17-flags GeneratedExporter.java no
expect jdk17-flags PoolUser.java no

for run in $JDK17_RUNS; do
  consumer "jdk17-ep${run%/*}-release${run#*/}" "$JDK_DEFAULT" "${run#*/}" "" "-Derror-prone.version=${run%/*}"
  expect_plain "jdk17-ep${run%/*}-release${run#*/}"
done

skipped=""
if [[ -x "$JDK25/bin/java" ]]; then
  for run in $JDK25_RUNS; do
    consumer "jdk25-ep${run%/*}-release${run#*/}" "$JDK25" "${run#*/}" "" "-Derror-prone.version=${run%/*}"
    expect_plain "jdk25-ep${run%/*}-release${run#*/}"
  done
else
  cat >&2 <<WARN

############################################################################
# WARNING: no JDK 25 at $JDK25: the consumer runs on JDK 25 (Error Prone
# 2.52.0) are SKIPPED. Set DAEMONGUARD_JDK25 to a JDK 21+.
############################################################################

WARN
  skipped=" (JDK 25 runs SKIPPED)"
fi

printf '\n\033[1;32mrelease-check: passed%s\033[0m\n' "$skipped"
