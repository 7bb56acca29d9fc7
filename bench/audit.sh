#!/usr/bin/env bash
# Compiles each corpus library once with only daemonguard's checks enabled and prints every
# finding, one a line: LIBRARY VERSION FILE:LINE CHECK MESSAGE. Any compiler crash or compile
# error is printed too and makes the exit status 1. See bench/README.md.
#
#   bench/audit.sh [--corpus FILE] [--libs a,b] [--context N] [--timeout SECONDS]
#                  [--checker-jar PATH] [--build-checker]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

CONTEXT=0
COMPILE_TIMEOUT=600

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

  --corpus FILE     read the libraries from FILE, in corpus.txt's format (default bench/corpus.txt)
  --libs a,b        only these libraries of the corpus file
  --context N       after each finding, print N source lines either side of it
  --timeout S       count a compile that runs past S seconds as a failure (default 600; 0 = never)
  --checker-jar P   audit this checker jar instead of the installed snapshot
  --build-checker   mvn install the checker from this checkout first
EOF
}

while (($# > 0)); do
  case "$1" in
    --corpus) [[ -f "$2" ]] || die "no corpus file at $2"; CORPUS_FILE=$(realpath "$2"); shift 2 ;;
    --libs) ONLY_LIBS=$2; shift 2 ;;
    --context) CONTEXT=$2; shift 2 ;;
    --timeout) COMPILE_TIMEOUT=$2; shift 2 ;;
    --checker-jar) CHECKER_JAR=$(realpath "$2"); shift 2 ;;
    --build-checker) BUILD_CHECKER=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ "$CONTEXT" =~ ^[0-9]+$ ]] || die "--context needs a number"
[[ "$COMPILE_TIMEOUT" =~ ^[0-9]+$ ]] || die "--timeout needs a number of seconds"

setup_toolchain
read_corpus
fetch_corpus

# A directory per run, so that two audits at once do not mix; audit/latest points to the last.
AUDIT_DIR="$WORK_DIR/audit/$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$AUDIT_DIR/logs" "$AUDIT_DIR/timings"
ln -sfn "$AUDIT_DIR" "$WORK_DIR/audit/latest"
FINDINGS="$AUDIT_DIR/findings.tsv"
: >"$FINDINGS"
# Strict: a check that meets a tree it does not model fails the compile here instead of
# quietly skipping it (see checker/.../analysis/Guard.java), so the audit sees every crash.
EP_ARG="$(error_prone_arg "${ENABLED_CHECKS[@]}") -XepOpt:DaemonGuard:Strict=true"
log "corpus: ${CORPUS_FILE:-$BENCH_DIR/corpus.txt}"
log "checker: $CHECKER_JAR_SOURCE"
log "checks: ${ENABLED_CHECKS[*]:-none}${MISSING_CHECKS[*]:+ (not in the jar: ${MISSING_CHECKS[*]})}"

# show_context FILE LINE: the source around a finding, the finding's line marked with '>'.
show_context() {
  awk -v at="$2" -v n="$CONTEXT" \
    'NR >= at - n && NR <= at + n { printf "    %s %5d | %s\n", (NR == at ? ">" : " "), NR, $0 }' "$1"
}

failures=0
declare -A per_library=()
for i in "${!CORPUS_NAMES[@]}"; do
  name=${CORPUS_NAMES[$i]}
  version=${CORPUS_GAVS[$i]##*:}
  library_info "$name"
  log "Auditing $name $version ($LIB_COUNT files) ..."
  logfile="$AUDIT_DIR/logs/$name.log"
  rc=0
  compile_with_error_prone "$AUDIT_DIR/out" "$LIB_CLASSPATH" "$LIB_FILES" "$logfile" \
    "$AUDIT_DIR/timings/$name.tsv" "$EP_ARG" || rc=$?
  rm -rf "$AUDIT_DIR/out"

  # Findings: "PATH:LINE: warning: [Check] message" for one of our checks.
  count=0
  while IFS=$'\t' read -r path line check message; do
    rel=${path#"$LIB_DIR/src/"}
    printf '%s %s %s:%s %s %s\n' "$name" "$version" "$rel" "$line" "$check" "$message"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$version" "$rel" "$line" "$check" "$message" >>"$FINDINGS"
    if ((CONTEXT > 0)); then
      show_context "$path" "$line"
    fi
    count=$((count + 1))
  done < <(awk -v checks=" ${ENABLED_CHECKS[*]} " '
    match($0, /^.*\.java:[0-9]+: warning: \[[A-Za-z0-9_]+\] /) {
      head = substr($0, 1, RLENGTH); message = substr($0, RLENGTH + 1)
      check = head; sub(/^.*\[/, "", check); sub(/\] $/, "", check)
      if (!index(checks, " " check " ")) next
      where = head; sub(/: warning: .*$/, "", where)
      line = where; sub(/^.*:/, "", line); path = where; sub(/:[0-9]+$/, "", path)
      printf "%s\t%s\t%s\t%s\n", path, line, check, message
    }' "$logfile")
  per_library[$name]=$count

  # Crashes and compile errors: each error diagnostic with the first lines that follow it (a
  # crash's stack trace), up to the next diagnostic.
  errors="$(awk '
    /^.*\.java:[0-9]+: (warning|error): / || /^(error|warning): / {
      in_error = ($0 ~ /(^|: )error: /); shown = 0
    }
    /^[0-9]+ (error|errors|warning|warnings)$/ { in_error = 0 }
    in_error && shown++ < 24 { print }' "$logfile")"
  if ((rc != 0)) || [[ -n "$errors" ]]; then
    failures=$((failures + 1))
    # javac's own crash report ("An exception has occurred in the compiler") is no diagnostic.
    [[ -z "$errors" ]] && errors="$(head -n 40 "$logfile")"
    crash_checks="$(grep -oE 'BugPattern: [A-Za-z0-9_]+' <<<"$errors" | sort -u | cut -d' ' -f2 | paste -sd, || true)"
    if ((rc == 124 || rc == 137)); then
      printf '%s %s TIMEOUT: the compile ran past %ss (log: %s)\n' "$name" "$version" \
        "$COMPILE_TIMEOUT" "$logfile"
    elif grep -q 'An unhandled exception was thrown by the Error Prone' <<<"$errors"; then
      printf '%s %s CRASH in %s (javac exit %s; log: %s)\n' "$name" "$version" \
        "${crash_checks:-Error Prone}" "$rc" "$logfile"
    elif grep -q 'An exception has occurred in the compiler' <<<"$errors"; then
      printf '%s %s CRASH of javac (exit %s; log: %s)\n' "$name" "$version" "$rc" "$logfile"
    else
      printf '%s %s COMPILE FAILURE (javac exit %s; log: %s)\n' "$name" "$version" "$rc" "$logfile"
    fi
    # head reads a string, not a pipe: with pipefail, sed | head -n 400 would fail the script
    # (SIGPIPE) on a compile with more than 400 lines of errors.
    head -n 400 <<<"$errors" | sed -e "s|$LIB_DIR/src/||" -e 's/^/    /'
  fi
done

echo
echo "Findings per library (checks: ${ENABLED_CHECKS[*]:-none}):"
total=0
for name in "${CORPUS_NAMES[@]}"; do
  by_check="$(awk -F'\t' -v n="$name" '$1 == n { c[$5]++ } END { for (k in c) printf "%s %d, ", k, c[k] }' "$FINDINGS")"
  printf '  %-24s %4d  %s\n' "$name" "${per_library[$name]}" "${by_check%, }"
  total=$((total + per_library[$name]))
done
printf '  %-24s %4d\n' total "$total"
echo "Findings as TSV: $FINDINGS; compiler logs: $AUDIT_DIR/logs"
if ((failures > 0)); then
  echo "FAILED: $failures of ${#CORPUS_NAMES[@]} libraries crashed, timed out or did not compile"
  exit 1
fi
echo "No crash: all ${#CORPUS_NAMES[@]} libraries compiled"
