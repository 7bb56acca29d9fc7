#!/usr/bin/env bash
# Cold against warm: compiles each named library several times in one JVM (bench/tools'
# RepeatedCompile), with daemonguard's checks enabled, and prints the checks' own time of each run
# (Error Prone's per-check clock). The first run is what every build pays (a cold javac process);
# the later ones find the classes loaded and the code compiled, so they show the analysis itself.
#
#   bench/warm.sh --libs zookeeper,tomcat-juli [--runs 4] [--checker-jar P] [--build-checker]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

RUNS=4
while (($# > 0)); do
  case "$1" in
    --libs) ONLY_LIBS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --checker-jar) CHECKER_JAR=$(realpath "$2"); shift 2 ;;
    --build-checker) BUILD_CHECKER=1; shift ;;
    -h | --help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ -n "${ONLY_LIBS:-}" ]] || die "name the libraries with --libs"

setup_toolchain
read_corpus
fetch_corpus
B_ARG="$(error_prone_arg "${ENABLED_CHECKS[@]}")"
OUT="$WORK_DIR/warm/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT/empty"
# The JVM's own flags, without javac's -J prefix: this JVM runs javac in-process.
jvm_flags=()
for flag in "${JAVAC_JVM_FLAGS[@]}"; do
  jvm_flags+=("${flag#-J}")
done
pattern="$(IFS='|'; echo "${ENABLED_CHECKS[*]}")"
for name in "${CORPUS_NAMES[@]}"; do
  library_info "$name"
  timings="$OUT/$name-timings.tsv"
  # The processor path is this JVM's class path (javac's processor class loader delegates to it),
  # so the classes stay loaded from one run to the next.
  java "${jvm_flags[@]}" -cp "$PROCESSOR_PATH" io.github.daemonguard.bench.RepeatedCompile \
    "$RUNS" "$timings" \
    -XDcompilePolicy=simple --should-stop=ifError=FLOW -processorpath "$OUT/empty" -proc:none \
    -encoding UTF-8 -Xmaxwarns 1000000 -Xmaxerrs 10000 -d "$OUT/$name-classes" \
    -cp "${LIB_CLASSPATH:-$OUT/empty}" "-Xplugin:DaemonguardTimings $timings" "$B_ARG" \
    "@$LIB_FILES" >"$OUT/$name.log" 2>"$OUT/$name.err" || die "$name did not compile: $OUT/$name.err"
  echo "== $name ($LIB_COUNT files, $LIB_LINES lines): daemonguard's own time per run, ms"
  awk -v pattern="^($pattern)\$" '
    /^run / { run = $2; wall[run] = $4; n = run }
    /^  / { if ($1 ~ pattern) own[run] += $2 / 1e6 }
    END {
      for (r = 1; r <= n; r++) printf "  run %d: own %.1f ms (javac wall %d ms)\n", r, own[r], wall[r]
      if (n > 1 && own[n] > 0) printf "  first run / last run: %.1f\n", own[1] / own[n]
    }' "$OUT/$name.log"
done
echo "logs: $OUT"
