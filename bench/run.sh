#!/usr/bin/env bash
# The daemonguard compile-time benchmark. See bench/README.md.
#
#   bench/run.sh [--runs N] [--quick] [--libs a,b] [--no-corpus] [--no-scaling]
#                [--scaling-runs N] [--floor] [--wait-idle SECONDS] [--checker-jar PATH]
#                [--build-checker]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

RUNS=5
SCALING_RUNS=
DO_CORPUS=1
DO_SCALING=1
WITH_FLOOR=0
WAIT_IDLE=0
SCALING_UNITS=16
BIG_METHOD_STATEMENTS=3000

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

  --runs N          timed compiles per library and configuration (default 5, at least 1)
  --quick           --runs 3 (about half the time of a full run)
  --libs a,b        only these libraries of corpus.txt
  --no-corpus       skip the real libraries
  --no-scaling      skip the generated scaling series
  --scaling-runs N  timed compiles per size and configuration (default: --runs)
  --floor           also run B with BenchFloorCheck, a trivial one-matcher check, and report its
                    own time as the floor to compare against (B then includes it)
  --wait-idle S     before measuring, wait up to S seconds for the load average to fall below 0.5
  --checker-jar P   measure this checker jar instead of the installed snapshot
  --build-checker   mvn install the checker from this checkout first
EOF
}

while (($# > 0)); do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --quick) RUNS=3; shift ;;
    --libs) ONLY_LIBS=$2; shift 2 ;;
    --no-corpus) DO_CORPUS=0; shift ;;
    --no-scaling) DO_SCALING=0; shift ;;
    --scaling-runs) SCALING_RUNS=$2; shift 2 ;;
    --floor) WITH_FLOOR=1; shift ;;
    --wait-idle) WAIT_IDLE=$2; shift 2 ;;
    --checker-jar) CHECKER_JAR=$(realpath "$2"); shift 2 ;;
    --build-checker) BUILD_CHECKER=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"
SCALING_RUNS=${SCALING_RUNS:-$RUNS}
[[ "$SCALING_RUNS" =~ ^[1-9][0-9]*$ ]] || die "--scaling-runs needs a positive number"

setup_toolchain
B_CHECKS=("${ENABLED_CHECKS[@]}")
((WITH_FLOOR)) && B_CHECKS+=("$FLOOR_CHECK")
A_ARG="$(error_prone_arg)"
B_ARG="$(error_prone_arg "${B_CHECKS[@]}")"

if ((WAIT_IDLE > 0)); then
  wait_for_idle "$WAIT_IDLE"
fi

STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$WORK_DIR/results/$STAMP"
mkdir -p "$RESULTS/logs" "$RESULTS/timings"
TIMES="$RESULTS/times.tsv"
: >"$TIMES"
SUMMARY="$RESULTS/summary.txt"
exec > >(tee "$SUMMARY")

echo "daemonguard compile-time benchmark, $(date '+%Y-%m-%d %H:%M %Z')"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "javac $(javac -version 2>&1 | awk '{print $2}'), Error Prone $EP_VERSION"
echo "checker: $CHECKER_JAR_SOURCE ($(sha256sum "$CHECKER_JAR_COPY" | cut -c1-12))"
echo "A: $A_ARG"
echo "B: $B_ARG"
((${#ENABLED_CHECKS[@]} == 0)) && echo "note: the checker jar registers none of ${OUR_CHECKS[*]}: B measures no daemonguard check"
echo "runs: $RUNS per configuration (corpus), $SCALING_RUNS (scaling); raw data: $RESULTS"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall times)"
echo

# timed_compile KIND NAME CONFIG RUN OUT CLASSPATH FILES: one timed javac; appends its wall time
# and its CPU time (user + system, all of javac's threads) in ms to times.tsv.
timed_compile() {
  local kind=$1 name=$2 config=$3 run=$4 out=$5 classpath=$6 files=$7
  local ep_arg=$A_ARG
  [[ "$config" == B ]] && ep_arg=$B_ARG
  local logfile="$RESULTS/logs/$name-$config-$run.log"
  local timings="$RESULTS/timings/$name-$config-$run.tsv"
  local clock="$RESULTS/logs/$name-$config-$run.time" rc=0
  {
    local TIMEFORMAT='%3R %3U %3S'
    time compile_with_error_prone "$out" "$classpath" "$files" "$logfile" "$timings" "$ep_arg" || rc=$?
  } 2>"$clock"
  if ((rc != 0)); then
    tail -n 40 "$logfile" >&2
    die "$name ($config) did not compile (javac exit $rc; log: $logfile). bench/audit.sh shows crashes."
  fi
  awk -v k="$kind" -v n="$name" -v c="$config" -v r="$run" \
    'NF == 3 { printf "%s\t%s\t%s\t%s\t%d\t%d\n", k, n, c, r, 1000 * $1, 1000 * ($2 + $3) }' \
    "$clock" >>"$TIMES"
}

# median: the median of the numbers on standard input (one a line).
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# wall_median NAME CONFIG: median wall time in ms.
wall_median() {
  awk -F'\t' -v n="$1" -v c="$2" '$2 == n && $3 == c { print $5 }' "$TIMES" | median
}

# cpu_median NAME CONFIG: median CPU time in ms.
cpu_median() {
  awk -F'\t' -v n="$1" -v c="$2" '$2 == n && $3 == c { print $6 }' "$TIMES" | median
}

# check_median NAME CHECK: median over the B runs of the check's own time, in ms.
check_median() {
  local f
  for f in "$RESULTS/timings/$1-B-"*.tsv; do
    [[ -f "$f" ]] || continue
    awk -F'\t' -v c="$2" '$1 == c { found = 1; print $2 / 1e6 } END { if (!found) print 0 }' "$f"
  done | median
}

# own_median NAME: median over the B runs of daemonguard's checks' own time summed, in ms.
own_median() {
  local f
  for f in "$RESULTS/timings/$1-B-"*.tsv; do
    [[ -f "$f" ]] || continue
    awk -F'\t' -v list=" ${ENABLED_CHECKS[*]} " 'index(list, " " $1 " ") { s += $2 } END { print s / 1e6 }' "$f"
  done | median
}

# slope T1 T2 L1 L2 DIGITS: (T2 - T1) per 1,000 lines of (L2 - L1).
slope() {
  awk -v t1="$1" -v t2="$2" -v l1="$3" -v l2="$4" -v d="$5" 'BEGIN { printf "%.*f", d, 1000 * (t2 - t1) / (l2 - l1) }'
}

fmt() {
  awk -v x="$1" -v d="${2:-0}" 'BEGIN { printf "%.*f", d, x }'
}

ratio() {
  awk -v b="$1" -v a="$2" 'BEGIN { if (a > 0) printf "%.3f", b / a; else print "-" }'
}

percent() {
  awk -v p="$1" -v w="$2" 'BEGIN { if (w > 0) printf "%.2f%%", 100 * p / w; else print "-" }'
}

if ((DO_CORPUS)); then
  read_corpus
  fetch_corpus
  echo "== Real libraries: A = Error Prone, every check disabled; B = A + daemonguard's checks"
  log "Warm-up: one untimed A compile of each library ..."
  for name in "${CORPUS_NAMES[@]}"; do
    library_info "$name"
    compile_with_error_prone "$WORK_DIR/out/$name" "$LIB_CLASSPATH" "$LIB_FILES" \
      "$RESULTS/logs/$name-warmup.log" "$RESULTS/timings/$name-warmup.tsv" "$A_ARG" ||
      die "$name does not compile (log: $RESULTS/logs/$name-warmup.log)"
  done
  for ((run = 1; run <= RUNS; run++)); do
    log "Round $run/$RUNS ..."
    for name in "${CORPUS_NAMES[@]}"; do
      library_info "$name"
      timed_compile lib "$name" A "$run" "$WORK_DIR/out/$name" "$LIB_CLASSPATH" "$LIB_FILES"
      timed_compile lib "$name" B "$run" "$WORK_DIR/out/$name" "$LIB_CLASSPATH" "$LIB_FILES"
    done
  done

  printf '%-14s %-14s %5s %7s %8s %8s %6s %8s %7s %7s\n' \
    library version files lines "A ms" "B ms" "B/A" "B/A cpu" "own ms" "own/A"
  sum_a=0 sum_b=0 sum_own=0 sum_files=0 sum_lines=0 sum_ca=0 sum_cb=0
  for i in "${!CORPUS_NAMES[@]}"; do
    name=${CORPUS_NAMES[$i]}
    library_info "$name"
    a=$(wall_median "$name" A)
    b=$(wall_median "$name" B)
    own=$(own_median "$name")
    ca=$(cpu_median "$name" A)
    cb=$(cpu_median "$name" B)
    printf '%-14s %-14s %5d %7d %8s %8s %6s %8s %7s %7s\n' "$name" "${CORPUS_GAVS[$i]##*:}" \
      "$LIB_COUNT" "$LIB_LINES" "$(fmt "$a")" "$(fmt "$b")" "$(ratio "$b" "$a")" \
      "$(ratio "$cb" "$ca")" "$(fmt "$own" 1)" "$(percent "$own" "$a")"
    sum_ca=$(awk -v x="$sum_ca" -v y="$ca" 'BEGIN { print x + y }')
    sum_cb=$(awk -v x="$sum_cb" -v y="$cb" 'BEGIN { print x + y }')
    sum_a=$(awk -v x="$sum_a" -v y="$a" 'BEGIN { print x + y }')
    sum_b=$(awk -v x="$sum_b" -v y="$b" 'BEGIN { print x + y }')
    sum_own=$(awk -v x="$sum_own" -v y="$own" 'BEGIN { print x + y }')
    sum_files=$((sum_files + LIB_COUNT))
    sum_lines=$((sum_lines + LIB_LINES))
  done
  printf '%-14s %-14s %5d %7d %8s %8s %6s %8s %7s %7s\n' overall "" "$sum_files" "$sum_lines" \
    "$(fmt "$sum_a")" "$(fmt "$sum_b")" "$(ratio "$sum_b" "$sum_a")" "$(ratio "$sum_cb" "$sum_ca")" \
    "$(fmt "$sum_own" 1)" "$(percent "$sum_own" "$sum_a")"
  echo "(ms: median wall time of $RUNS runs; B/A cpu: the same ratio of javac's CPU time; overall: sums"
  echo " of the medians; own: daemonguard's checks' own time from Error Prone's per-check clock, median"
  echo " over the B runs; own/A: that as a share of A's wall time, the 3% target)"
  echo
  if ((${#B_CHECKS[@]} > 0)); then
    echo "Per-check own time, ms (median over the B runs; % of the A median):"
    printf '%-14s' library
    for check in "${B_CHECKS[@]}"; do printf ' %26s' "$check"; done
    echo
    declare -A check_sum=()
    for name in "${CORPUS_NAMES[@]}"; do
      a=$(wall_median "$name" A)
      printf '%-14s' "$name"
      for check in "${B_CHECKS[@]}"; do
        t=$(check_median "$name" "$check")
        check_sum[$check]=$(awk -v x="${check_sum[$check]:-0}" -v y="$t" 'BEGIN { print x + y }')
        printf ' %26s' "$(fmt "$t" 1) ($(percent "$t" "$a"))"
      done
      echo
    done
    printf '%-14s' overall
    for check in "${B_CHECKS[@]}"; do
      printf ' %26s' "$(fmt "${check_sum[$check]}" 1) ($(percent "${check_sum[$check]}" "$sum_a"))"
    done
    echo
    echo
  fi
fi

if ((DO_SCALING)); then
  echo "== Scaling series: generated code (threads, executors, futures, Closeables, try-with-resources)"
  SCALING_DIR="$WORK_DIR/scaling"
  rm -rf "$SCALING_DIR"
  labels=(1x 4x 16x big-method)
  declare -A scaling_args=(
    [1x]="units $SCALING_UNITS"
    [4x]="units $((4 * SCALING_UNITS))"
    [16x]="units $((16 * SCALING_UNITS))"
    [big-method]="big-method $BIG_METHOD_STATEMENTS"
  )
  for label in "${labels[@]}"; do
    # shellcheck disable=SC2086
    java -cp "$TOOLS_CLASSES" io.github.daemonguard.bench.ScalingCorpus \
      "$SCALING_DIR/$label/src" ${scaling_args[$label]}
    find "$SCALING_DIR/$label/src" -name '*.java' | sort >"$SCALING_DIR/$label/files.txt"
    xargs cat <"$SCALING_DIR/$label/files.txt" | wc -l >"$SCALING_DIR/$label/lines.txt"
    compile_with_error_prone "$SCALING_DIR/$label/out" "" "$SCALING_DIR/$label/files.txt" \
      "$RESULTS/logs/scaling-$label-warmup.log" "$RESULTS/timings/scaling-$label-warmup.tsv" "$A_ARG" ||
      die "generated $label code does not compile (log: $RESULTS/logs/scaling-$label-warmup.log)"
  done
  for ((run = 1; run <= SCALING_RUNS; run++)); do
    log "Scaling round $run/$SCALING_RUNS ..."
    for label in "${labels[@]}"; do
      for config in A B; do
        timed_compile scale "scaling-$label" "$config" "$run" "$SCALING_DIR/$label/out" "" \
          "$SCALING_DIR/$label/files.txt"
      done
    done
  done
  printf '%-11s %7s %8s %8s %11s %11s %9s %11s\n' \
    size lines "A ms" "B ms" "A ms/kLOC" "B ms/kLOC" "own ms" "own/kLOC"
  declare -A lines_of=() a_of=() b_of=() own_of=()
  for label in "${labels[@]}"; do
    lines=$(cat "$SCALING_DIR/$label/lines.txt")
    a=$(wall_median "scaling-$label" A)
    b=$(wall_median "scaling-$label" B)
    own=$(own_median "scaling-$label")
    lines_of[$label]=$lines a_of[$label]=$a b_of[$label]=$b own_of[$label]=$own
    printf '%-11s %7d %8s %8s %11s %11s %9s %11s\n' "$label" "$lines" "$(fmt "$a")" "$(fmt "$b")" \
      "$(fmt "$(awk -v t="$a" -v l="$lines" 'BEGIN { print 1000 * t / l }')" 1)" \
      "$(fmt "$(awk -v t="$b" -v l="$lines" 'BEGIN { print 1000 * t / l }')" 1)" \
      "$(fmt "$own" 1)" "$(fmt "$(awk -v t="$own" -v l="$lines" 'BEGIN { print 1000 * t / l }')" 2)"
  done
  echo "Marginal cost (the fixed JVM and Error Prone start-up cancels out), ms per 1,000 more lines:"
  for pair in "1x 4x" "4x 16x"; do
    read -r from to <<<"$pair"
    printf '  %-8s A %6s   B %6s   own %6s\n' "$from-$to" \
      "$(slope "${a_of[$from]}" "${a_of[$to]}" "${lines_of[$from]}" "${lines_of[$to]}" 1)" \
      "$(slope "${b_of[$from]}" "${b_of[$to]}" "${lines_of[$from]}" "${lines_of[$to]}" 1)" \
      "$(slope "${own_of[$from]}" "${own_of[$to]}" "${lines_of[$from]}" "${lines_of[$to]}" 2)"
  done
  echo "(whole-process medians of $SCALING_RUNS runs; own = daemonguard's checks' own time; linear growth"
  echo " shows as a steady marginal cost and a steady own/kLOC from 1x to 16x, big method included)"
fi
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Raw times: $TIMES"
