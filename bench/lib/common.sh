# shellcheck shell=bash disable=SC2034
# Shared by bench/run.sh and bench/audit.sh: sourced, not run. Resolves Error Prone, builds the
# bench tools, finds the daemonguard checker jar and fetches the corpus, all cached in bench/work/.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK_DIR="$BENCH_DIR/work"
EP_VERSION=2.42.0
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
OUR_CHECKS=(DaemonThreadResource TaskOutlivesResource UnjoinedExecutorResource)
FLOOR_CHECK=BenchFloorCheck

# The javac internals Error Prone needs when it runs inside javac's own JVM (JDK 16+).
JAVAC_JVM_FLAGS=(
  -J--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.main=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.model=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.processing=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  -J--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  -J--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED
  -J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED
)

log() {
  printf '%s\n' "$*" >&2
}

die() {
  log "error: $*"
  exit 1
}

# mvn_quiet LOGFILE ARGS...: runs Maven in batch mode; on failure shows the end of its log.
mvn_quiet() {
  local logfile=$1
  shift
  if ! mvn -B -q "$@" >"$logfile" 2>&1; then
    tail -n 30 "$logfile" >&2
    log "error: mvn $* failed (full log: $logfile)"
    return 1
  fi
}

# wait_for_idle MAX_SECONDS: waits until the 1-minute load average is below 0.5 (nothing else
# compiling on the machine), at most MAX_SECONDS.
wait_for_idle() {
  local deadline=$((SECONDS + $1)) load
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" 'BEGIN { exit !(l < 0.5) }'; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      log "warning: load average still $load after $1 s; measuring anyway"
      return 0
    fi
    log "Waiting for the machine to go idle (load average $load) ..."
    sleep 20
  done
}

case "$WORK_DIR" in
  *[[:space:]]*) die "bench/ must not sit under a path with spaces: $WORK_DIR" ;;
esac

# Error Prone's runtime classpath, resolved once through bench/tools/pom.xml.
ensure_error_prone() {
  EP_CLASSPATH_FILE="$WORK_DIR/ep/error-prone-$EP_VERSION.classpath"
  if [[ ! -s "$EP_CLASSPATH_FILE" ]]; then
    log "Resolving Error Prone $EP_VERSION ..."
    mkdir -p "$WORK_DIR/ep"
    mvn_quiet "$WORK_DIR/ep/resolve.log" -f "$BENCH_DIR/tools/pom.xml" \
      "$DEP_PLUGIN:build-classpath" -Derror-prone.version="$EP_VERSION" \
      -Dmdep.outputFile="$EP_CLASSPATH_FILE" -DincludeScope=runtime
  fi
  EP_CLASSPATH="$(cat "$EP_CLASSPATH_FILE")"
}

# The timing plugin, the floor check and the scaling generator, compiled with plain javac.
ensure_tools() {
  TOOLS_CLASSES="$WORK_DIR/tools/classes"
  local stamp="$WORK_DIR/tools/stamp" src="$BENCH_DIR/tools/src/main"
  if [[ -f "$stamp" ]] && [[ -z "$(find "$src" -newer "$stamp" -type f)" ]]; then
    return 0
  fi
  log "Compiling bench tools ..."
  rm -rf "$TOOLS_CLASSES"
  mkdir -p "$TOOLS_CLASSES"
  local sources=()
  mapfile -t sources < <(find "$src/java" -name '*.java' | sort)
  javac -d "$TOOLS_CLASSES" -cp "$EP_CLASSPATH" -Xlint:all,-serial \
    --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED \
    --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED \
    "${sources[@]}" >&2 || die "bench tools did not compile"
  cp -r "$src/resources/." "$TOOLS_CLASSES/"
  touch "$stamp"
}

# The checker jar: --checker-jar PATH, else the snapshot in the local Maven repository, built
# from this checkout when missing or when BUILD_CHECKER=1. Copied into bench/work/ so that a
# rebuild during a run does not change what the run measures.
ensure_checker() {
  local jar="${CHECKER_JAR:-}"
  if [[ -z "$jar" ]]; then
    local m2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
    jar="$m2/io/github/daemonguard/daemonguard-checker/0.1.0-SNAPSHOT/daemonguard-checker-0.1.0-SNAPSHOT.jar"
    if [[ "${BUILD_CHECKER:-0}" == 1 || ! -f "$jar" ]]; then
      log "Building and installing the checker (mvn install -pl checker -am -DskipTests) ..."
      mkdir -p "$WORK_DIR"
      (cd "$REPO_DIR" && mvn_quiet "$WORK_DIR/checker-build.log" install -pl checker -am -DskipTests)
    fi
  fi
  [[ -f "$jar" ]] || die "no checker jar at $jar"
  mkdir -p "$WORK_DIR/checker"
  CHECKER_JAR_COPY="$WORK_DIR/checker/daemonguard-checker.jar"
  cp "$jar" "$CHECKER_JAR_COPY"
  CHECKER_JAR_SOURCE="$jar"
  # Only the checks the jar registers can be enabled: -Xep:Name of an unknown check is an error.
  local services
  services="$(unzip -p "$CHECKER_JAR_COPY" META-INF/services/com.google.errorprone.bugpatterns.BugChecker 2>/dev/null || true)"
  ENABLED_CHECKS=()
  MISSING_CHECKS=()
  local check
  for check in "${OUR_CHECKS[@]}"; do
    if grep -qE "(^|[.\$])${check}[[:space:]]*\$" <<<"$services"; then
      ENABLED_CHECKS+=("$check")
    else
      MISSING_CHECKS+=("$check")
    fi
  done
  if ((${#MISSING_CHECKS[@]} > 0)); then
    log "note: the checker jar does not register ${MISSING_CHECKS[*]}; they are left out."
  fi
  PROCESSOR_PATH="$EP_CLASSPATH:$TOOLS_CLASSES:$CHECKER_JAR_COPY"
}

setup_toolchain() {
  command -v javac >/dev/null || die "javac not found"
  command -v mvn >/dev/null || die "mvn not found"
  local version
  version="$(javac -version 2>&1 | awk '{print $2}')"
  [[ "${version%%.*}" == 17 ]] || log "warning: javac $version; Error Prone $EP_VERSION is measured on JDK 17"
  ensure_error_prone
  ensure_tools
  ensure_checker
}

# Reads CORPUS_FILE (default corpus.txt) into CORPUS_NAMES, CORPUS_GAVS, CORPUS_EXTRAS; ONLY_LIBS
# (comma-separated) keeps a subset.
read_corpus() {
  local file="${CORPUS_FILE:-$BENCH_DIR/corpus.txt}"
  [[ -f "$file" ]] || die "no corpus file at $file"
  CORPUS_NAMES=()
  CORPUS_GAVS=()
  CORPUS_EXTRAS=()
  local name gav extras
  while read -r name gav extras; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    if [[ -n "${ONLY_LIBS:-}" && ",$ONLY_LIBS," != *",$name,"* ]]; then
      continue
    fi
    CORPUS_NAMES+=("$name")
    CORPUS_GAVS+=("$gav")
    CORPUS_EXTRAS+=("${extras:-}")
  done <"$file"
  ((${#CORPUS_NAMES[@]} > 0)) || die "no library selected from $file"
}

# fetch_library NAME GAV EXTRAS: the sources jar unpacked into work/corpus/NAME/src, the list of
# files to compile in files.txt, and the classpath in classpath.txt. Cached.
fetch_library() {
  local name=$1 gav=$2 extras=$3
  local dir="$WORK_DIR/corpus/$name"
  # The stamp names the coordinates; a long list of extras is named by its checksum (a file name
  # has at most 255 bytes).
  local ready="$dir/ready-${gav//:/_}"
  if [[ -n "$extras" ]]; then
    ready+="+$(printf '%s' "$extras" | sha1sum | cut -c1-12)"
  fi
  [[ -f "$ready" ]] && return 0
  log "Fetching $gav ..."
  rm -rf "$dir"
  mkdir -p "$dir/download" "$dir/pom" "$dir/src" "$dir/extra"
  local artifact version
  IFS=: read -r _ artifact version <<<"$gav"
  mvn_quiet "$dir/fetch.log" "$DEP_PLUGIN:copy" -Dartifact="$gav:jar:sources" \
    -DoutputDirectory="$dir/download"
  mvn_quiet "$dir/fetch.log" "$DEP_PLUGIN:copy" -Dartifact="$gav:pom" \
    -DoutputDirectory="$dir/download"
  cp "$dir/download/$artifact-$version.pom" "$dir/pom/pom.xml"
  # The library's own pom: compile (with provided and system) and runtime scopes, so optional
  # dependencies come too; Gradle-built poms put compile dependencies in runtime scope.
  local scope
  for scope in compile runtime; do
    (cd "$dir/pom" && mvn_quiet "$dir/classpath-$scope.log" "$DEP_PLUGIN:build-classpath" \
      -DincludeScope="$scope" -Dmdep.outputFile="$dir/classpath-$scope.txt")
  done
  local extra
  for extra in ${extras//,/ }; do
    mvn_quiet "$dir/fetch.log" "$DEP_PLUGIN:copy" -Dartifact="$extra" -DoutputDirectory="$dir/extra"
  done
  {
    # The files Maven writes have no final newline.
    tr ':' '\n' <"$dir/classpath-compile.txt"
    echo
    tr ':' '\n' <"$dir/classpath-runtime.txt"
    echo
    find "$dir/extra" -name '*.jar' | sort
  } | awk 'NF && !seen[$0]++' | paste -sd: >"$dir/classpath.txt"
  (cd "$dir/src" && unzip -q -o "../download/$artifact-$version-sources.jar")
  # module-info.java would switch javac to module mode; META-INF may hold other releases' copies.
  find "$dir/src" -name '*.java' ! -name module-info.java ! -path '*/META-INF/*' | sort >"$dir/files.txt"
  [[ -s "$dir/files.txt" ]] || die "$gav: no Java sources in its sources jar"
  touch "$ready"
}

# library_info NAME: sets LIB_DIR, LIB_CLASSPATH, LIB_FILES (the @file), LIB_COUNT, LIB_LINES.
library_info() {
  LIB_DIR="$WORK_DIR/corpus/$1"
  LIB_CLASSPATH="$(cat "$LIB_DIR/classpath.txt")"
  LIB_FILES="$LIB_DIR/files.txt"
  LIB_COUNT="$(wc -l <"$LIB_FILES")"
  if [[ ! -s "$LIB_DIR/lines.txt" ]]; then
    xargs cat <"$LIB_FILES" | wc -l >"$LIB_DIR/lines.txt"
  fi
  LIB_LINES="$(cat "$LIB_DIR/lines.txt")"
}

fetch_corpus() {
  local i
  for i in "${!CORPUS_NAMES[@]}"; do
    fetch_library "${CORPUS_NAMES[$i]}" "${CORPUS_GAVS[$i]}" "${CORPUS_EXTRAS[$i]}"
  done
}

# The -Xplugin:ErrorProne argument: every check off (A), or that plus the given checks at WARN.
error_prone_arg() {
  local arg="-Xplugin:ErrorProne -XepDisableAllChecks" check
  for check in "$@"; do
    arg+=" -Xep:$check:WARN"
  done
  printf '%s' "$arg"
}

# compile_with_error_prone OUT_DIR CLASSPATH FILES_LIST LOG TIMINGS EP_ARG: one javac process;
# returns javac's exit code (124 or 137 when it ran past COMPILE_TIMEOUT). TIMINGS receives the per-check clock (see CheckTimingsPlugin).
compile_with_error_prone() {
  local out=$1 classpath=$2 files=$3 logfile=$4 timings=$5 ep_arg=$6
  mkdir -p "$out"
  # An empty classpath would mean the current directory: use an empty one instead.
  mkdir -p "$WORK_DIR/empty"
  # COMPILE_TIMEOUT (seconds, 0 = none): javac is stopped after it, with exit status 124.
  local limit=()
  if ((${COMPILE_TIMEOUT:-0} > 0)); then
    limit=(timeout --kill-after=10 "$COMPILE_TIMEOUT")
  fi
  "${limit[@]}" javac "${JAVAC_JVM_FLAGS[@]}" \
    -XDcompilePolicy=simple --should-stop=ifError=FLOW \
    -processorpath "$PROCESSOR_PATH" -proc:none \
    -encoding UTF-8 -Xmaxwarns 1000000 -Xmaxerrs 10000 \
    -d "$out" -cp "${classpath:-$WORK_DIR/empty}" \
    "-Xplugin:DaemonguardTimings $timings" "$ep_arg" \
    "@$files" >"$logfile" 2>&1
}
