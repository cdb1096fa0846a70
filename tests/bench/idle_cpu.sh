#!/bin/sh
# Idle CPU: the kiosk on the real clock (software renderer, 1920x1080)
# showing one static slide (its dwell is longer than the measurement), and
# in screen sleep; with the offscreen video driver and, when Xvfb is
# installed, with x11 on an Xvfb server. One run prints one line:
#   bench: idle_static_pct=... idle_sleep_pct=... [x11_static_pct=... x11_sleep_pct=...]
# utime + stime from /proc/PID/stat over SECONDS s, as % of one core.
# Usage: tests/bench/idle_cpu.sh BUILD_DIR [SECONDS]
set -eu
BUILD=${1:-build}
SECONDS_MEASURED=${2:-20}
KIOSK=$BUILD/qingfeng
mkdir -p "$BUILD/bench/idle/state"
OUT=$(cd "$BUILD/bench/idle" && pwd)
export SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy SDL_FRAMEBUFFER_ACCELERATION=0
TICK=$(getconf CLK_TCK)

# ticks PID: utime + stime in clock ticks (fields 14 and 15; the command
# name in field 2 has no spaces)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# measure NAME DRIVER SETTLED_LINE CONFIG_TEXT: the CPU share in percent of
# one core, once the log shows SETTLED_LINE and 2 s more have passed
measure() {
    printf '%s\n[sync]\nstate_dir = %s\n' "$4" "$OUT/state" > "$OUT/$1.conf"
    : > "$OUT/$1.log" # before the kiosk opens it: the wait below greps it at once
    SDL_VIDEODRIVER=$2 "$KIOSK" --config "$OUT/$1.conf" --windowed --size 1920x1080 2> "$OUT/$1.log" &
    pid=$!
    waited=0
    until grep -q "$3" "$OUT/$1.log" || [ $waited -ge 300 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    sleep 2
    t0=$(ticks $pid)
    sleep "$SECONDS_MEASURED"
    t1=$(ticks $pid)
    kill -TERM $pid
    wait $pid || true
    awk -v d=$((t1 - t0)) -v hz="$TICK" -v s="$SECONDS_MEASURED" 'BEGIN { printf "%.3f", d / hz / s * 100 }'
}

STATIC='[attract]
dwell_ms = 600000'
ASLEEP="$STATIC
[sleep]
hours = 00:00-24:00"

line="bench: idle_static_pct=$(measure static offscreen '^<6>scene: attract item=' "$STATIC")"
line="$line idle_sleep_pct=$(measure asleep offscreen '^<6>sleep: screen off' "$ASLEEP")"

if command -v Xvfb > /dev/null; then
    exec 3> "$OUT/display"
    Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
    xvfb=$!
    exec 3>&-
    tries=0
    while [ ! -s "$OUT/display" ] && [ $tries -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
    export DISPLAY=":$(cat "$OUT/display")"
    line="$line x11_static_pct=$(measure x11-static x11 '^<6>scene: attract item=' "$STATIC")"
    line="$line x11_sleep_pct=$(measure x11-asleep x11 '^<6>sleep: screen off' "$ASLEEP")"
    kill $xvfb
    wait $xvfb || true
fi
echo "$line"
