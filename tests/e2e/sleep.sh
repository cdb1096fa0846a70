#!/bin/sh
# End-to-end tests of the screen sleep schedule on the virtual clock: the
# screen goes black at the scheduled hour, a tap wakes it to the attract
# loop (without opening the menu), it sleeps again after wake_minutes and
# wakes by itself at the scheduled hour; a visit is never blacked out.
# Usage: tests/e2e/sleep.sh BUILD_DIR
set -u
OUT=${1:-build}/e2e-sleep
. "$(dirname "$0")/lib.sh"

SIZE=1280x720
BASE=$(cat "$CONF")
printf '%s\n[sleep]\nhours = 20:00-07:30\ndays = sat,sun\nwake_minutes = 5\n' "$BASE" > "$CONF"

# black PNG: one colour only
black() { "$STATS" "$1" | grep -q ' distinct=1 '; }
# content PNG: a real picture
content() { [ "$("$STATS" "$1" | sed 's/.*distinct=\([0-9]*\).*/\1/')" -ge 100 ]; }
count() { grep -c "$2" "$OUT/$1.log"; }
check() { if "$@"; then ok "$desc"; else not_ok "$desc" "$OUT/$name.log"; fi; }
# lines_in_order LOG TEXT...: lines of LOG contain each TEXT, in this order
lines_in_order() {
    log=$1
    shift
    awk -v want="$(printf '%s\n' "$@")" '
        BEGIN { n = split(want, w, "\n"); i = 1 }
        i <= n && index($0, w[i]) { i++ }
        END { exit i <= n }' "$log"
}

# --- Monday 2026-12-07, 19:59: the evening, a touch at night, the morning
name=night
run $name $SIZE "wait 1000
shot 00-evening
wait 60000
shot 01-asleep
tap 0.5 0.5
wait 1000
shot 02-woken
wait 240000
shot 03-still-awake
wait 60000
shot 04-asleep-again
tap 0.5 0.5
tap 0.5 0.5
wait 1000
shot 05-woken-again
wait 400000
wait 41000000
shot 06-morning
quit" --clock "2026-12-07 19:59"
d=$OUT/$name
desc="the run ends cleanly (rc=$rc)"; check [ $rc -eq 0 ]
desc="no error or warning"; check clean "$OUT/$name.log"
desc="before 20:00 the attract loop is on screen"; check content "$d/00-evening.png"
desc="at 20:00 the screen is black"; check black "$d/01-asleep.png"
desc="a tap wakes it"; check content "$d/02-woken.png"
desc="the waking tap only wakes: no menu before the next sleep"
check awk '/sleep: screen off/ { off++ } /scene: home/ && off < 2 { home++ } END { exit home > 0 || off < 2 }' "$OUT/$name.log"
desc="4 min after the tap it is still on"; check content "$d/03-still-awake.png"
desc="5 min after the tap it is black again"; check black "$d/04-asleep-again.png"
desc="a second tap wakes it again"; check content "$d/05-woken-again.png"
desc="the third tap opens the menu"; check [ "$(count $name 'scene: home')" -eq 1 ]
desc="at 07:30 the schedule wakes it"; check content "$d/06-morning.png"
desc="three sleeps: at 20:00 and at the end of each touch window (the last one after the visit's idle timeout)"
check [ "$(count $name '^<6>sleep: screen off until 2026-12-08 07:30; a touch wakes it for 5 min$')" -eq 3 ]
desc="two wakes by touch, one by the schedule"
check [ "$(count $name '^<6>sleep: screen on (touch)$')" -eq 2 ] && [ "$(count $name '^<6>sleep: screen on (schedule)$')" -eq 1 ]

# --- Friday night into the weekend: no waking before Monday 07:30
name=weekend
run $name $SIZE "wait 90000
shot 00-friday-night
wait 43200000
shot 01-saturday-morning
wait 172800000
shot 02-monday-0730
quit" --clock "2026-12-11 19:59"
d=$OUT/$name
desc="weekend: the run ends cleanly (rc=$rc)"; check [ $rc -eq 0 ]
desc="weekend: black on Friday night"; check black "$d/00-friday-night.png"
desc="weekend: still black on Saturday at 08:00"; check black "$d/01-saturday-morning.png"
desc="weekend: on again on Monday at 08:00"; check content "$d/02-monday-0730.png"
desc="weekend: one sleep until Monday 07:30 and one wake"
check [ "$(count $name '^<6>sleep: screen off until 2026-12-14 07:30')" -eq 1 ] && [ "$(count $name '^<6>sleep: screen on (schedule)$')" -eq 1 ]

# --- a visit at 19:59:30 with touches that do not wake: the idle timeout
# ends the visit first (at 20:01:10), then the screen goes black; taps
# while asleep change nothing
printf '%s\n[sleep]\nhours = 20:00-07:30\nwake_minutes = 0\n' "$BASE" > "$CONF"
name=visit
run $name $SIZE "wait 30000
tap 0.5 0.5
wait 1000
shot 00-home
wait 60000
shot 01-home-after-2000
wait 40000
shot 02-asleep
tap 0.5 0.5
wait 1000
shot 03-still-asleep
quit" --clock "2026-12-07 19:59"
d=$OUT/$name
desc="visit: the run ends cleanly (rc=$rc)"; check [ $rc -eq 0 ]
desc="visit: the menu opens at 19:59:30"; check [ "$(count $name 'scene: home')" -eq 1 ]
desc="visit: at 20:00:31 the visitor still sees the menu"; check content "$d/01-home-after-2000.png"
desc="visit: after the idle timeout the screen is black"; check black "$d/02-asleep.png"
desc="visit: with wake_minutes = 0 a tap does not wake it"; check black "$d/03-still-asleep.png"
desc="visit: the idle timeout comes before the sleep"
check awk '/visit: idle for/ { idle = NR } /sleep: screen off/ { off = NR } END { exit !(idle && off > idle) }' "$OUT/$name.log"
desc="visit: one sleep, no wake"
check [ "$(count $name '^<6>sleep: screen off until 2026-12-08 07:30; touches do not wake it$')" -eq 1 ] && [ "$(count $name 'sleep: screen on')" -eq 0 ]

# --- on the real clock under Xvfb: the loop waits in the X connection while
# asleep, a click wakes the screen and opens nothing, the next one does
if command -v Xvfb > /dev/null && command -v xdotool > /dev/null; then
    exec 3> "$OUT/display"
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
    xvfb=$!
    exec 3>&-
    tries=0
    while [ ! -s "$OUT/display" ] && [ $tries -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
    disp=":$(cat "$OUT/display")"
    printf '%s\n[sleep]\nhours = 00:00-24:00\nwake_minutes = 1\n' "$BASE" > "$OUT/x11.conf"
    : > "$OUT/x11.log"
    DISPLAY=$disp SDL_VIDEODRIVER=x11 "$KIOSK" --config "$OUT/x11.conf" --windowed --size 1280x720 \
        > /dev/null 2> "$OUT/x11.log" &
    kiosk=$!
    # wait_for N PATTERN: until the log has N lines matching PATTERN (15 s at most)
    wait_for() { wait_lines "$OUT/x11.log" "$1" "$2" 150; }
    wait_for 1 '^<6>sleep: screen off'
    win=$(DISPLAY=$disp timeout 15 xdotool search --sync --onlyvisible --pid $kiosk 2> /dev/null | head -n 1)
    click() { DISPLAY=$disp timeout 15 xdotool mousemove --window "$win" 640 360 click 1; }
    if [ -n "$win" ]; then
        click
        wait_for 1 '^<6>scene: attract item='
        sleep 0.5
        homes_after_wake=$(grep -c '^<6>scene: home' "$OUT/x11.log")
        click
        wait_for 1 '^<6>scene: home'
    fi
    kill $kiosk 2> /dev/null
    wait $kiosk 2> /dev/null
    kill $xvfb 2> /dev/null
    wait $xvfb 2> /dev/null
    name=x11
    desc="X11: started asleep, a click wakes the screen to the attract loop and opens nothing (window=$win)"
    check lines_in_order "$OUT/x11.log" "sleep: screen off" "sleep: screen on (touch)" "scene: attract item="
    desc="X11: the waking click opened no menu"; check [ "${homes_after_wake:-1}" -eq 0 ]
    desc="X11: the next click opens the menu"; check lines_in_order "$OUT/x11.log" "sleep: screen on (touch)" "scene: home"
else
    not_ok "X11 test needs Xvfb and xdotool (make deps installs them)"
fi

echo "sleep: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
