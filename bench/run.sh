#!/usr/bin/env bash
# The daemonguard compile-time benchmark. See bench/README.md.
#
#   bench/run.sh [--runs N] [--quick] [--libs a,b] [--no-corpus] [--no-scaling]
#                [--scaling-runs N] [--timeout SECONDS] [--floor] [--wait-idle SECONDS]
#                [--checker-jar PATH] [--build-checker]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

RUNS=5
SCALING_RUNS=3
COMPILE_TIMEOUT=120
DO_CORPUS=1
DO_SCALING=1
WITH_FLOOR=0
WAIT_IDLE=0
SCALING_UNITS=16
BIG_METHOD_STATEMENTS=3000

usage() {
  sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

  --runs N          timed compiles per library and configuration (default 5, at least 1)
  --quick           --runs 3 --scaling-runs 2 (about half the time of a full run)
  --libs a,b        only these libraries of corpus.txt
  --no-corpus       skip the real libraries
  --no-scaling      skip the generated scaling series
  --scaling-runs N  timed compiles per size and configuration (default 3)
  --timeout S       stop a compile after S seconds (default 120; 0 = never) and report it as a
                    timeout instead of a time; that configuration is not run again
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
    --quick) RUNS=3 SCALING_RUNS=2; shift ;;
    --libs) ONLY_LIBS=$2; shift 2 ;;
    --no-corpus) DO_CORPUS=0; shift ;;
    --no-scaling) DO_SCALING=0; shift ;;
    --scaling-runs) SCALING_RUNS=$2; shift 2 ;;
    --timeout) COMPILE_TIMEOUT=$2; shift 2 ;;
    --floor) WITH_FLOOR=1; shift ;;
    --wait-idle) WAIT_IDLE=$2; shift 2 ;;
    --checker-jar) CHECKER_JAR=$(realpath "$2"); shift 2 ;;
    --build-checker) BUILD_CHECKER=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"
[[ "$SCALING_RUNS" =~ ^[1-9][0-9]*$ ]] || die "--scaling-runs needs a positive number"
[[ "$COMPILE_TIMEOUT" =~ ^[0-9]+$ ]] || die "--timeout needs a number of seconds"

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
mkdir -p "$RESULTS/logs" "$RESULTS/timings" "$RESULTS/timed-out"
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
echo "runs: $RUNS per configuration (corpus), $SCALING_RUNS (scaling); timeout ${COMPILE_TIMEOUT}s a compile; raw data: $RESULTS"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall times)"
echo

# timed_out NAME CONFIG: whether a compile of that configuration ran past the timeout.
timed_out() {
  [[ -f "$RESULTS/timed-out/$1-$2" ]]
}

# timed_compile KIND NAME CONFIG RUN OUT CLASSPATH FILES: one timed javac; appends its wall time
# and its CPU time (user + system, all of javac's threads) in ms to times.tsv. After a timeout,
# that configuration is marked and skipped.
timed_compile() {
  local kind=$1 name=$2 config=$3 run=$4 out=$5 classpath=$6 files=$7
  timed_out "$name" "$config" && return 0
  local ep_arg=$A_ARG
  [[ "$config" == B ]] && ep_arg=$B_ARG
  local logfile="$RESULTS/logs/$name-$config-$run.log"
  local timings="$RESULTS/timings/$name-$config-$run.tsv"
  local clock="$RESULTS/logs/$name-$config-$run.time" rc=0
  {
    local TIMEFORMAT='%3R %3U %3S'
    time compile_with_error_prone "$out" "$classpath" "$files" "$logfile" "$timings" "$ep_arg" || rc=$?
  } 2>"$clock"
  if ((rc == 124 || rc == 137)); then
    log "warning: $name ($config) ran past ${COMPILE_TIMEOUT}s: reported as a timeout, not run again"
    mkdir -p "$RESULTS/timed-out"
    touch "$RESULTS/timed-out/$name-$config"
    return 0
  fi
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

add() {
  awk -v x="$1" -v y="$2" 'BEGIN { print x + y }'
}

# per_kloc T LINES DIGITS: T per 1,000 lines.
per_kloc() {
  awk -v t="$1" -v l="$2" -v d="$3" 'BEGIN { printf "%.*f", d, 1000 * t / l }'
}

# shown_median NAME CONFIG: the median wall time, or "timeout".
shown_median() {
  if timed_out "$1" "$2"; then
    echo timeout
  else
    fmt "$(wall_median "$1" "$2")"
  fi
}

# per_check_table HEADER NAME...: each enabled check's own time per NAME (median over the B runs)
# and its share of the A median; for libraries, a last row sums over them.
per_check_table() {
  local header=$1 name check t a sum_a=0
  shift
  ((${#B_CHECKS[@]} > 0)) || return 0
  declare -A check_sum=()
  echo "Per-check own time, ms (median over the B runs; % of the A median):"
  printf '%-20s' "$header"
  for check in "${B_CHECKS[@]}"; do printf ' %26s' "$check"; done
  echo
  for name in "$@"; do
    printf '%-20s' "${name#scaling-}"
    if timed_out "$name" A || timed_out "$name" B; then
      echo " timeout"
      continue
    fi
    a=$(wall_median "$name" A)
    sum_a=$(add "$sum_a" "$a")
    for check in "${B_CHECKS[@]}"; do
      t=$(check_median "$name" "$check")
      check_sum[$check]=$(add "${check_sum[$check]:-0}" "$t")
      printf ' %26s' "$(fmt "$t" 1) ($(percent "$t" "$a"))"
    done
    echo
  done
  if [[ "$header" == library ]]; then
    printf '%-20s' overall
    for check in "${B_CHECKS[@]}"; do
      printf ' %26s' "$(fmt "${check_sum[$check]:-0}" 1) ($(percent "${check_sum[$check]:-0}" "$sum_a"))"
    done
    echo
  fi
  echo
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
    compile_with_error_prone "$RESULTS/out/$name" "$LIB_CLASSPATH" "$LIB_FILES" \
      "$RESULTS/logs/$name-warmup.log" "$RESULTS/timings/$name-warmup.tsv" "$A_ARG" ||
      die "$name does not compile (log: $RESULTS/logs/$name-warmup.log)"
  done
  for ((run = 1; run <= RUNS; run++)); do
    log "Round $run/$RUNS ..."
    for name in "${CORPUS_NAMES[@]}"; do
      library_info "$name"
      timed_compile lib "$name" A "$run" "$RESULTS/out/$name" "$LIB_CLASSPATH" "$LIB_FILES"
      timed_compile lib "$name" B "$run" "$RESULTS/out/$name" "$LIB_CLASSPATH" "$LIB_FILES"
    done
  done

  printf '%-24s %-14s %5s %7s %8s %8s %6s %8s %7s %7s\n' \
    library version files lines "A ms" "B ms" "B/A" "B/A cpu" "own ms" "own/A"
  sum_a=0 sum_b=0 sum_own=0 sum_files=0 sum_lines=0 sum_ca=0 sum_cb=0
  left_out=()
  for i in "${!CORPUS_NAMES[@]}"; do
    name=${CORPUS_NAMES[$i]}
    library_info "$name"
    if timed_out "$name" A || timed_out "$name" B; then
      printf '%-24s %-14s %5d %7d %8s %8s\n' "$name" "${CORPUS_GAVS[$i]##*:}" "$LIB_COUNT" \
        "$LIB_LINES" "$(shown_median "$name" A)" "$(shown_median "$name" B)"
      left_out+=("$name")
      continue
    fi
    a=$(wall_median "$name" A)
    b=$(wall_median "$name" B)
    own=$(own_median "$name")
    ca=$(cpu_median "$name" A)
    cb=$(cpu_median "$name" B)
    printf '%-24s %-14s %5d %7d %8s %8s %6s %8s %7s %7s\n' "$name" "${CORPUS_GAVS[$i]##*:}" \
      "$LIB_COUNT" "$LIB_LINES" "$(fmt "$a")" "$(fmt "$b")" "$(ratio "$b" "$a")" \
      "$(ratio "$cb" "$ca")" "$(fmt "$own" 1)" "$(percent "$own" "$a")"
    sum_ca=$(add "$sum_ca" "$ca")
    sum_cb=$(add "$sum_cb" "$cb")
    sum_a=$(add "$sum_a" "$a")
    sum_b=$(add "$sum_b" "$b")
    sum_own=$(add "$sum_own" "$own")
    sum_files=$((sum_files + LIB_COUNT))
    sum_lines=$((sum_lines + LIB_LINES))
  done
  printf '%-24s %-14s %5d %7d %8s %8s %6s %8s %7s %7s\n' overall "" "$sum_files" "$sum_lines" \
    "$(fmt "$sum_a")" "$(fmt "$sum_b")" "$(ratio "$sum_b" "$sum_a")" "$(ratio "$sum_cb" "$sum_ca")" \
    "$(fmt "$sum_own" 1)" "$(percent "$sum_own" "$sum_a")"
  echo "(ms: median wall time of $RUNS runs; B/A cpu: the same ratio of javac's CPU time; overall: sums"
  echo " of the medians; own: daemonguard's checks' own time from Error Prone's per-check clock, median"
  echo " over the B runs; own/A: that as a share of A's wall time, the target is 1.5% overall)"
  if ((${#left_out[@]} > 0)); then
    echo "TIMEOUT: ${left_out[*]} ran past ${COMPILE_TIMEOUT}s and are left out of overall"
  fi
  echo
  per_check_table library "${CORPUS_NAMES[@]}"
fi

if ((DO_SCALING)); then
  echo "== Scaling series: generated code (threads, executors, futures, Closeables, try-with-resources)"
  SCALING_DIR="$RESULTS/scaling"
  big_small="method-$((BIG_METHOD_STATEMENTS / 4))"
  big="method-$BIG_METHOD_STATEMENTS"
  labels=(1x 4x 16x "$big_small" "$big")
  declare -A scaling_args=(
    [1x]="units $SCALING_UNITS"
    [4x]="units $((4 * SCALING_UNITS))"
    [16x]="units $((16 * SCALING_UNITS))"
    [$big_small]="big-method $((BIG_METHOD_STATEMENTS / 4))"
    [$big]="big-method $BIG_METHOD_STATEMENTS"
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
  printf '%-12s %7s %8s %8s %11s %11s %9s %11s\n' \
    size lines "A ms" "B ms" "A ms/kLOC" "B ms/kLOC" "own ms" "own/kLOC"
  declare -A lines_of=()
  for label in "${labels[@]}"; do
    lines=$(cat "$SCALING_DIR/$label/lines.txt")
    lines_of[$label]=$lines
    name="scaling-$label"
    if timed_out "$name" A || timed_out "$name" B; then
      printf '%-12s %7d %8s %8s\n' "$label" "$lines" "$(shown_median "$name" A)" "$(shown_median "$name" B)"
      continue
    fi
    a=$(wall_median "$name" A)
    b=$(wall_median "$name" B)
    own=$(own_median "$name")
    printf '%-12s %7d %8s %8s %11s %11s %9s %11s\n' "$label" "$lines" "$(fmt "$a")" "$(fmt "$b")" \
      "$(per_kloc "$a" "$lines" 1)" "$(per_kloc "$b" "$lines" 1)" "$(fmt "$own" 1)" \
      "$(per_kloc "$own" "$lines" 2)"
  done
  echo "Marginal cost, ms per 1,000 added lines (each process's fixed start-up cancels out):"
  for pair in "1x 4x" "4x 16x" "$big_small $big"; do
    read -r from to <<<"$pair"
    if timed_out "scaling-$from" B || timed_out "scaling-$to" B ||
      timed_out "scaling-$from" A || timed_out "scaling-$to" A; then
      printf '  %-24s timeout\n' "$from to $to"
      continue
    fi
    printf '  %-24s A %7s   B %7s   own %8s\n' "$from to $to" \
      "$(slope "$(wall_median "scaling-$from" A)" "$(wall_median "scaling-$to" A)" "${lines_of[$from]}" "${lines_of[$to]}" 1)" \
      "$(slope "$(wall_median "scaling-$from" B)" "$(wall_median "scaling-$to" B)" "${lines_of[$from]}" "${lines_of[$to]}" 1)" \
      "$(slope "$(own_median "scaling-$from")" "$(own_median "scaling-$to")" "${lines_of[$from]}" "${lines_of[$to]}" 2)"
  done
  echo "(medians of $SCALING_RUNS runs; own: daemonguard's checks' own time. Linear growth shows as a"
  echo " steady marginal cost from 1x to 16x, and as the same own/kLOC for the method at 1/4 and at"
  echo " full size; a method-size-quadratic check costs about 4x more per line in the full-size method)"
  echo
  scaling_names=()
  for label in "${labels[@]}"; do scaling_names+=("scaling-$label"); done
  per_check_table size "${scaling_names[@]}"
fi
rm -rf "$RESULTS/out" "$RESULTS"/scaling/*/out
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Raw times: $TIMES"
