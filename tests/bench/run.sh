#!/bin/sh
# Benchmarks: runs the kiosk's --bench mode several times (software
# renderer offscreen at 1920x1080 and 3840x2160; OpenGL under Xvfb where it
# is present), its idle CPU (idle_cpu.sh), the layout on the real fonts
# (layout_bench) and the sync worker (sync.sh), and prints one table of
# medians and spreads, each row with its target and whether it is met; the
# table is also written to BUILD/bench.txt. Figures are explained in
# docs/performance.md. About 9 minutes on a busy 2-core machine.
# Usage: tests/bench/run.sh BUILD_DIR [RUNS]
#   RUNS       runs at 1920x1080 with the software renderer, and of sync (default 5)
#   BIG_RUNS   runs of each slower case: 3840x2160, OpenGL 1920x1080 (default 3)
#   GL4K_RUNS  runs of OpenGL at 3840x2160, the slowest (default 2)
#   IDLE_RUNS  runs of idle_cpu.sh, IDLE_SECONDS each figure (default 2, 10)
set -eu
BUILD=${1:-build}
RUNS=${2:-5}
BIG_RUNS=${BIG_RUNS:-3}
HERE=$(dirname "$0")
KIOSK=$BUILD/qingfeng
OUT=$BUILD/bench
mkdir -p "$OUT"
RAW=$OUT/raw.txt
: > "$RAW"
export SDL_AUDIODRIVER=dummy SDL_FRAMEBUFFER_ACCELERATION=0

# kiosk_runs CASE N SIZE TRANSITIONS: N runs of --bench; each raw line gets
# case=CASE and exec_ms, the first frame counted from the exec the shell
# timed (the process start), besides first_frame_ms from main().
# Each case has its own state folder (the art cache lives there), kept from
# run to run as on a screen that restarts; with COLD=1 every run starts from
# an empty one, as the first start after an install does.
rm -rf "$OUT"/state-*
kiosk_runs() {
    i=0
    while [ "$i" -lt "$2" ]; do
        [ -z "${COLD:-}" ] || rm -rf "$OUT/state-$1"
        line=$( (date +%s%N > "$OUT/t0"
                 exec "$KIOSK" --windowed --size "$3" --bench "$4" --state-dir "$OUT/state-$1" 2> "$OUT/$1-$i.log") |
            grep '^bench:' || true)
        if [ -z "$line" ]; then
            echo "bench: $1 run $i printed no figures; see $OUT/$1-$i.log" >&2
        else
            echo "$line" | awk -v c="$1" -v start="$(cat "$OUT/t0")" '{
                sub(/^bench:/, "case=" c)
                match($0, /first_frame_wall_ns=[0-9]+/)
                wall = substr($0, RSTART + 20, RLENGTH - 20)
                printf "%s exec_ms=%.1f\n", $0, (wall - start) / 1e6 }' >> "$RAW"
        fi
        i=$((i + 1))
    done
}

SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software COLD=1 kiosk_runs sw1080cold "${COLD_RUNS:-3}" 1920x1080 1
cp -r "$OUT/state-sw1080cold" "$OUT/state-sw1080" # the cache the last first start filled
SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software kiosk_runs sw1080 "$RUNS" 1920x1080 12
SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software kiosk_runs sw2160 "$BIG_RUNS" 3840x2160 4

# The accelerated renderer: OpenGL on an X server. Without a GPU this is
# Mesa's llvmpipe (OpenGL drawn on the CPU); the renderer row says which.
GL_NA=""
if ! command -v Xvfb > /dev/null; then
    GL_NA="n/a: no Xvfb to give an OpenGL context"
else
    exec 3> "$OUT/display"
    Xvfb -displayfd 3 -screen 0 3840x2160x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
    xvfb=$!
    exec 3>&-
    tries=0
    while [ ! -s "$OUT/display" ] && [ $tries -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
    export DISPLAY=":$(cat "$OUT/display")"
    SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=opengl kiosk_runs gl1080 "$BIG_RUNS" 1920x1080 4
    if grep '^case=gl1080' "$RAW" | grep -qv 'renderer=opengl'; then
        GL_NA="n/a: SDL fell back from OpenGL to $(grep '^case=gl1080' "$RAW" | grep -o 'renderer=[^ ]*' | head -1)"
        sed -i '/^case=gl1080/d' "$RAW"
    elif ! grep -q '^case=gl1080' "$RAW"; then
        GL_NA="n/a: no OpenGL renderer under Xvfb (see $OUT/gl1080-0.log)"
    else
        SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=opengl kiosk_runs gl2160 "${GL4K_RUNS:-2}" 3840x2160 2
    fi
    kill $xvfb
    wait $xvfb || true
    unset DISPLAY
fi

# Layout on the real fonts: a cold pass and the median of 30 more, per run.
i=0
while [ $i -lt "$RUNS" ]; do
    "$BUILD/tests/bench/layout_bench" "$BUILD/feed" 30 | grep '^bench:' | sed 's/^bench:/case=layout/' >> "$RAW"
    i=$((i + 1))
done

# Sync: a 304 round on loopback, and the bytes of a one-item change.
i=0
while [ $i -lt "$RUNS" ]; do
    sh "$HERE/sync.sh" "$BUILD" 200 | grep '^bench:' | sed 's/^bench:/case=sync/' >> "$RAW"
    i=$((i + 1))
done

# Idle CPU on a static slide and in screen sleep on the real clock.
i=0
while [ $i -lt "${IDLE_RUNS:-2}" ]; do
    sh "$HERE/idle_cpu.sh" "$BUILD" "${IDLE_SECONDS:-10}" | grep '^bench:' | sed 's/^bench:/case=idle/' >> "$RAW"
    i=$((i + 1))
done

# values CASE FIELD: the field's values over the runs of the case, sorted
values() {
    grep "^case=$1 " "$RAW" | grep -o " $2=[0-9.-]*" | cut -d= -f2 | sort -n
}

# row LABEL CASE FIELD [TARGET_OP TARGET NOTE]: median and spread (min ..
# max) of one field, and the median checked against the target
# (TARGET_OP lt: below, eq: equal to). NA, when set, replaces the figures.
row() {
    label=$1 case=$2 field=$3 op=${4:-} target=${5:-} note=${6:-}
    if [ -n "${NA:-}" ]; then
        printf '%-46s %s\n' "$label" "$NA"
        return
    fi
    values "$case" "$field" | awk -v label="$label" -v op="$op" -v t="$target" -v note="$note" '
        { v[NR] = $1 }
        END {
            if (NR == 0) { printf "%-46s n/a: no runs\n", label; exit }
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            verdict = ""
            if (op == "lt") verdict = sprintf("target < %s%s: %s", t, note, m < t ? "met" : "NOT met")
            if (op == "eq") verdict = sprintf("target %s%s: %s", t, note, m == t ? "met" : "NOT met")
            printf "%-46s %10.2f  %10.2f .. %-10.2f %s\n", label, m, v[1], v[NR], verdict
        }'
}

renderer() { grep "^case=$1 " "$RAW" | grep -o 'renderer=[^ ]*' | cut -d= -f2 | sort -u | paste -sd, -; }

{
    echo "Qingfeng benchmarks, $(nproc) cores; median and spread (min .. max) over runs; targets are checked on the median"
    echo "runs: $RUNS at 1920x1080 software (${COLD_RUNS:-3} more from an empty state folder), $BIG_RUNS at 3840x2160 and of OpenGL 1920x1080, ${GL4K_RUNS:-2} of OpenGL 3840x2160, ${IDLE_RUNS:-2} idle"
    printf '%-46s %10s  %-24s %s\n' "figure" "median" "spread" "target"
    echo "-- start (1920x1080, software renderer, offscreen)"
    row "start to first frame from exec, ms" sw1080 exec_ms lt 120
    row "  of which from main(), ms" sw1080 first_frame_ms
    row "  first start, empty art cache, from exec, ms" sw1080cold exec_ms
    echo "-- frames during transitions, software renderer ($(renderer sw1080)), no vsync"
    row "slide frame p50, ms (1920x1080)" sw1080 slide_p50_ms
    row "slide frame p99, ms (1920x1080)" sw1080 slide_p99_ms lt 16.7
    row "cross-fade frame p50, ms (1920x1080)" sw1080 fade_p50_ms
    row "cross-fade frame p99, ms (1920x1080)" sw1080 fade_p99_ms lt 33
    row "slide frame p50, ms (3840x2160)" sw2160 slide_p50_ms
    row "slide frame p99, ms (3840x2160)" sw2160 slide_p99_ms
    row "cross-fade frame p50, ms (3840x2160)" sw2160 fade_p50_ms
    row "cross-fade frame p99, ms (3840x2160)" sw2160 fade_p99_ms
    echo "-- the same, accelerated renderer: ${GL_NA:-$(renderer gl1080) under Xvfb}"
    NA=$GL_NA row "slide frame p50, ms (1920x1080)" gl1080 slide_p50_ms
    NA=$GL_NA row "slide frame p99, ms (1920x1080)" gl1080 slide_p99_ms lt 16.7
    NA=$GL_NA row "cross-fade frame p50, ms (1920x1080)" gl1080 fade_p50_ms
    NA=$GL_NA row "cross-fade frame p99, ms (1920x1080)" gl1080 fade_p99_ms lt 16.7
    NA=$GL_NA row "slide frame p99, ms (3840x2160)" gl2160 slide_p99_ms
    NA=$GL_NA row "cross-fade frame p99, ms (3840x2160)" gl2160 fade_p99_ms
    echo "-- touch and stillness (1920x1080, software)"
    row "tap to present p50, ms" sw1080 tap_p50_ms lt 16.7 " (a frame)"
    row "tap to present p99, ms" sw1080 tap_p99_ms lt 16.7 " (a frame)"
    row "presents in 5 s on a static slide" sw1080 static_presents eq 0
    row "CPU on a static slide, % of a core" idle idle_static_pct lt 0.5
    row "CPU in screen sleep, % of a core" idle idle_sleep_pct lt 0.5
    row "  the same under Xvfb (x11): static" idle x11_static_pct lt 0.5
    row "  the same under Xvfb (x11): sleep" idle x11_sleep_pct lt 0.5
    echo "-- memory, KiB (software renderer)"
    row "peak RSS (1920x1080)" sw1080 peak_rss_kb
    row "steady RSS after a rotation (1920x1080)" sw1080 rss_rot_kb
    row "steady PSS after a rotation (1920x1080)" sw1080 pss_rot_kb lt 40960 " (40 MiB)"
    row "steady RSS after a visit (1920x1080)" sw1080 rss_visit_kb
    row "steady PSS after a visit (1920x1080)" sw1080 pss_visit_kb lt 40960 " (40 MiB)"
    row "peak RSS (3840x2160)" sw2160 peak_rss_kb
    row "steady PSS after a visit (3840x2160)" sw2160 pss_visit_kb
    echo "-- layout on the real fonts, ms per 1,000 characters"
    row "maxims, auto-fit (Kai), first pass" layout maxim_cold_ms_per_kchar
    row "maxims, auto-fit (Kai), warm" layout maxim_ms_per_kchar
    row "case and story bodies (richdoc), first pass" layout doc_cold_ms_per_kchar
    row "case and story bodies (richdoc), warm" layout doc_ms_per_kchar
    echo "-- sync (nginx on loopback)"
    row "sync 304 round p50, ms" sync sync_304_p50_ms
    row "sync 304 round p99, ms" sync sync_304_p99_ms
    row "500-item feed, whole sync, KiB sent" sync sync_full_kib
    row "  one item's text changed, KiB sent" sync sync_item_kib
    row "  the same, % of the whole" sync sync_item_pct
    row "  one item's picture changed, KiB sent" sync sync_picture_kib
    row "  the same, % of the whole" sync sync_picture_pct
    row "  (feed.json + signature on disk, KiB)" sync sync_feed_disk_kib
    row "  (assets on disk, KiB)" sync sync_assets_disk_kib
} | tee "$BUILD/bench.txt"
