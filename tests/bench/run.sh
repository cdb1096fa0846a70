#!/bin/sh
# Benchmarks: runs the kiosk's --bench mode several times with the software
# renderer and prints one table of medians and spreads; also writes it to
# BUILD/bench.txt. Figures are explained in docs/performance.md.
# Usage: tests/bench/run.sh BUILD_DIR [RUNS]
set -eu
BUILD=${1:-build}
RUNS=${2:-7}
KIOSK=$BUILD/qingfeng
OUT=$BUILD/bench
mkdir -p "$OUT"
: > "$OUT/raw.txt"

export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy SDL_FRAMEBUFFER_ACCELERATION=0
for size in 1920x1080; do
    i=0
    while [ $i -lt "$RUNS" ]; do
        "$KIOSK" --windowed --size "$size" --bench 12 2> "$OUT/run-$i.log" | grep '^bench:' | sed "s/^bench:/size=$size/" >> "$OUT/raw.txt"
        i=$((i + 1))
    done
done

# median and spread (min..max) of one field over the runs
stat() {
    field=$1
    grep -o "$field=[0-9.]*" "$OUT/raw.txt" | cut -d= -f2 | sort -n | awk '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "n/a"; exit }
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%10.2f   %8.2f .. %-8.2f", m, v[1], v[NR]
        }'
}

{
    echo "Qingfeng benchmarks ($RUNS runs each, software renderer, offscreen, $(nproc) cores)"
    echo "figure                                       median    spread (min .. max)"
    printf '%-40s %s\n' "start to first frame, ms (1920x1080)" "$(stat first_frame_ms)"
    printf '%-40s %s\n' "transition frame p50, ms (1920x1080)" "$(stat frame_p50_ms)"
    printf '%-40s %s\n' "transition frame p99, ms (1920x1080)" "$(stat frame_p99_ms)"
    printf '%-40s %s\n' "peak RSS after one rotation, KiB" "$(stat peak_rss_kb)"
    printf '%-40s %s\n' "tap to present p50, ms (1920x1080)" "$(stat tap_p50_ms)"
    printf '%-40s %s\n' "tap to present p99, ms (1920x1080)" "$(stat tap_p99_ms)"
} | tee "$BUILD/bench.txt"
