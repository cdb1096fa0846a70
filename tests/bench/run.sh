#!/bin/sh
# Benchmarks: runs the kiosk's --bench mode several times with the software
# renderer, measures its idle CPU (tests/bench/idle_cpu.sh) and the sync
# worker, and prints one table of medians and spreads; also writes it to
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

# Sync: a 304 round on loopback, and the bytes of a one-item change.
i=0
while [ $i -lt "$RUNS" ]; do
    sh "$(dirname "$0")/sync.sh" "$BUILD" 200 | grep '^bench:' | sed 's/^bench:/size=sync/' >> "$OUT/raw.txt"
    i=$((i + 1))
done

# Idle CPU on a static slide and in screen sleep: 20 s on the real clock
# per figure, so fewer runs (IDLE_RUNS, default 3).
i=0
while [ $i -lt "${IDLE_RUNS:-3}" ]; do
    sh "$(dirname "$0")/idle_cpu.sh" "$BUILD" 20 | grep '^bench:' | sed 's/^bench:/size=idle/' >> "$OUT/raw.txt"
    i=$((i + 1))
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
    printf '%-40s %s\n' "idle CPU, static slide, % of a core" "$(stat idle_static_pct)"
    printf '%-40s %s\n' "idle CPU, screen sleep, % of a core" "$(stat idle_sleep_pct)"
    printf '%-40s %s\n' "  the same under Xvfb (x11): static" "$(stat x11_static_pct)"
    printf '%-40s %s\n' "  the same under Xvfb (x11): sleep" "$(stat x11_sleep_pct)"
    printf '%-40s %s\n' "sync 304 round p50, ms (loopback)" "$(stat sync_304_p50_ms)"
    printf '%-40s %s\n' "sync 304 round p99, ms (loopback)" "$(stat sync_304_p99_ms)"
    printf '%-40s %s\n' "500-item feed, whole sync, KiB sent" "$(stat sync_full_kib)"
    printf '%-40s %s\n' "  one item's text changed, KiB sent" "$(stat sync_item_kib)"
    printf '%-40s %s\n' "  the same, % of the whole" "$(stat sync_item_pct)"
    printf '%-40s %s\n' "  one item's picture changed, KiB sent" "$(stat sync_picture_kib)"
    printf '%-40s %s\n' "  the same, % of the whole" "$(stat sync_picture_pct)"
    printf '%-40s %s\n' "  (feed.json + signature on disk, KiB)" "$(stat sync_feed_disk_kib)"
    printf '%-40s %s\n' "  (assets on disk, KiB)" "$(stat sync_assets_disk_kib)"
} | tee "$BUILD/bench.txt"
