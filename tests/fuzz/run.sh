#!/bin/sh
# Runs every fuzz target in BUILD/fuzzers for SECONDS each: first over its
# seeds (tests/fuzz/corpus/<target>, kept in git), then mutating them. New
# inputs go to BUILD/corpus/<target>, crashes to BUILD/crashes/<target>;
# a crash fails the run. Usage: tests/fuzz/run.sh BUILD SECONDS [TARGET...]
set -u
build=$1
seconds=$2
shift 2
targets=${*:-$(cd "$build/fuzzers" && ls | grep -v '\.d$')}
here=$(cd "$(dirname "$0")" && pwd)
failed=""
for t in $targets; do
    seeds="$here/corpus/$t"
    work="$build/corpus/$t"
    crashes="$build/crashes/$t"
    mkdir -p "$work" "$crashes"
    # -rss_limit_mb: a parser that balloons is a finding, too.
    if "$build/fuzzers/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "$seeds" >"$build/$t.log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$t.log")
        cov=$(grep -o 'cov: [0-9]*' "$build/$t.log" | tail -1)
        echo "fuzz: $t ok: $runs runs in ${seconds} s, $cov, corpus $(ls "$work" | wc -l)"
    else
        echo "fuzz: $t FAILED; log: $build/$t.log, input: $(ls -t "$crashes" | head -1)"
        tail -30 "$build/$t.log"
        failed="$failed $t"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: failed:$failed"
    exit 1
fi
