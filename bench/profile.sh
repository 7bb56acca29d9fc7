#!/usr/bin/env bash
# Profiles daemonguard's checks on real libraries: one javac run per library with the checks
# enabled (configuration B of bench/run.sh) under Java Flight Recorder, sampling every
# millisecond, then a summary of the samples that have daemonguard's code on the stack.
#
#   bench/profile.sh --libs zookeeper,tomcat-juli [--checker-jar P] [--build-checker] [--top N]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

TOP=40
while (($# > 0)); do
  case "$1" in
    --libs) ONLY_LIBS=$2; shift 2 ;;
    --top) TOP=$2; shift 2 ;;
    --checker-jar) CHECKER_JAR=$(realpath "$2"); shift 2 ;;
    --build-checker) BUILD_CHECKER=1; shift ;;
    -h | --help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ -n "${ONLY_LIBS:-}" ]] || die "name the libraries to profile with --libs"

setup_toolchain
read_corpus
fetch_corpus
B_ARG="$(error_prone_arg "${ENABLED_CHECKS[@]}")"
OUT="$WORK_DIR/profile/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
# The JDK's profile settings, sampling Java code every millisecond instead of every 10.
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
sed 's|<setting name="period" control="method-sampling-java-interval">10 ms</setting>|<setting name="period" control="method-sampling-java-interval">1 ms</setting>|' \
  "$java_home/lib/jfr/profile.jfc" >"$OUT/settings.jfc"
for name in "${CORPUS_NAMES[@]}"; do
  library_info "$name"
  recording="$OUT/$name.jfr"
  JAVAC_JVM_FLAGS+=("-J-XX:StartFlightRecording=filename=$recording,settings=$OUT/settings.jfc")
  compile_with_error_prone "$OUT/$name-classes" "$LIB_CLASSPATH" "$LIB_FILES" \
    "$OUT/$name.log" "$OUT/$name-timings.tsv" "$B_ARG" || die "$name did not compile: $OUT/$name.log"
  unset 'JAVAC_JVM_FLAGS[-1]'
  echo "== $name ($LIB_COUNT files, $LIB_LINES lines); per-check clock:"
  cat "$OUT/$name-timings.tsv"
  java -cp "$TOOLS_CLASSES" io.github.daemonguard.bench.ProfileSummary "$recording" "$TOP"
done
echo "recordings: $OUT"
