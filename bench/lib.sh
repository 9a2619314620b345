# Sourced by the benchmark scripts that run one benchmark class in one JVM (no platform), from the repository's root:
#   bench_run MODULE CLASS [Maven arguments...]    builds MODULE and what it needs, runs CLASS with -Dkcdb.bench=true
#                                                  (without it the class skips itself), its output in $bench_log; on
#                                                  a failure prints the log's end and exits
#   bench_report FIRST LAST                        prints the report (the log's lines from /FIRST/ to /LAST/) and
#                                                  removes the log
bench_log="target-bench-$(basename "$0" .sh).log"

bench_run() {
  local module=$1 class=$2
  shift 2
  ./mvnw -B -ntp -q -pl "$module" -am test -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dkcdb.bench=true "$@" > "$bench_log" 2>&1 || { tail -80 "$bench_log"; exit 1; }
}

bench_report() {
  sed -n "/$1/,/$2/p" "$bench_log"
  rm -f "$bench_log"
}
