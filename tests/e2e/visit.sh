#!/bin/sh
# End-to-end tests of a visit: touch navigation from the attract loop through
# every screen and back, headless with scripts and under Xvfb with xdotool;
# the idle timeout; the hidden admin gesture and its PIN.
# Usage: tests/e2e/visit.sh BUILD_DIR
set -u
OUT=${1:-build}/e2e-visit
. "$(dirname "$0")/lib.sh"

first_case=$(feed_ids "$FEED" | grep '^case-' | head -n 1)
first_story=$(feed_ids "$FEED" | grep '^story-' | head -n 1)
second_story=$(feed_ids "$FEED" | grep '^story-' | sed -n 2p)
first_maxim=$(feed_ids "$FEED" | grep '^maxim-' | head -n 1)

# --- a tour through every kind of screen, landscape and portrait
TOUR="wait 1000
shot 00-attract
tap 0.5 0.5
shot 01-home
press module 1
shot 02-case-list
press item 0
shot 03-case-page1
drag 0.6 0.72 0.6 0.32 300
wait 2500
shot 04-case-page1-scrolled
press step 1
shot 05-case-page2
press step 1
press step 1
press step 1
shot 06-case-page5
press step 1
shot 07-check-q1
press option 0
shot 08-check-q1-answered
press next-question
press option 0
press next-question
shot 09-check-q3
press option 0
press option 1
shot 10-check-q3-ticked
press confirm
shot 11-check-q3-answered
press next-question
shot 12-case-list-again
press home
press module 2
shot 13-story-list
press item 0
shot 14-story
press large
shot 15-story-large
swipe left
shot 16-story-next
press home
press module 0
shot 17-maxim-list
press item 0
shot 18-maxim
press home
press quiz
shot 19-quiz
press back
shot 20-home-again
quit"
for size in 1920x1080 1080x1920; do
    name=tour-$size
    run "$name" "$size" "$TOUR"
    if [ $rc -eq 0 ] && in_order "$OUT/$name.log" \
        "scene: home" \
        "scene: list module=case page=1/" \
        "scene: detail item=$first_case page=1/5" \
        "scene: detail item=$first_case page=2/5" \
        "scene: detail item=$first_case page=5/5" \
        "scene: check item=$first_case question=1/3" \
        "scene: check item=$first_case question=1/3 answered" \
        "scene: check item=$first_case question=3/3" \
        "scene: check item=$first_case question=3/3 answered" \
        "scene: home" \
        "scene: detail item=$first_story" \
        "scene: detail item=$second_story" \
        "scene: detail item=$first_maxim" \
        "scene: quiz" \
        "scene: home"; then
        ok "$size: a tour through home, lists, a case module, its 学后测, a story, a maxim and the quiz screen"
    else
        cat "$OUT/$name.log.order" >> "$OUT/$name.log" 2> /dev/null
        not_ok "$size: the tour reaches every kind of screen (rc=$rc)" "$OUT/$name.log"
    fi
    if clean "$OUT/$name.log"; then ok "$size: the tour logs no error or warning"; else not_ok "$size: the tour logs no error or warning" "$OUT/$name.log"; fi
    if nonblank "$OUT/$name" "$size"; then ok "$size: the tour's screenshots are non-blank"; else not_ok "$size: the tour's screenshots are non-blank"; fi
    if ! cmp -s "$OUT/$name/03-case-page1.png" "$OUT/$name/04-case-page1-scrolled.png"; then
        ok "$size: a drag scrolls a long case page"
    else
        not_ok "$size: a drag scrolls a long case page"
    fi
    if ! cmp -s "$OUT/$name/14-story.png" "$OUT/$name/15-story-large.png"; then ok "$size: 大字 enlarges the text"; else not_ok "$size: 大字 enlarges the text"; fi
done

# --- every bundled item is reachable by touch, and back, in both orientations
for size in 1920x1080 1080x1920; do
    steps="wait 500
tap 0.5 0.5"
    m=0
    for kind in maxim case story; do
        # Tiles per list page at this size: count the item targets the kiosk logs.
        run probe-$kind-$size "$size" "wait 500
tap 0.5 0.5
press module $m
quit" --verbose
        per=$(grep -c 'screen: target item ' "$OUT/probe-$kind-$size.log")
        [ "$per" -ge 1 ] || per=1
        steps="$steps
press module $m"
        pos=0
        for id in $(feed_ids "$FEED" | grep "^$kind-"); do
            if [ $pos -gt 0 ] && [ $((pos % per)) -eq 0 ]; then steps="$steps
press step 1"; fi
            steps="$steps
press item $pos
press back"
            pos=$((pos + 1))
        done
        steps="$steps
press home"
        m=$((m + 1))
    done
    name=reach-$size
    run "$name" "$size" "$steps
quit"
    missing=""
    for id in $(feed_ids "$FEED"); do
        grep -q "scene: detail item=$id\( page=1/[0-9]*\)\?\$" "$OUT/$name.log" || missing="$missing $id"
    done
    if [ $rc -eq 0 ] && [ -z "$missing" ] && clean "$OUT/$name.log"; then
        ok "$size: every bundled item opens by touch from its list, and back"
    else
        not_ok "$size: every bundled item opens by touch (rc=$rc, missing:$missing)" "$OUT/$name.log"
    fi
done

# --- the idle timeout counts down, then the attract loop resumes where it left
IDLE_CONF=$OUT/idle.conf
printf '[attract]\ndwell_ms = 8000\ntransition_ms = 900\n[navigation]\nidle_timeout_s = 30\nidle_countdown_s = 5\n' \
    > "$IDLE_CONF"
run idle 1280x720 "wait 1000
tap 0.5 0.5
press module 2
wait 20000
shot before-countdown
wait 12000
shot countdown
wait 4000
shot back-to-attract
quit" --config "$IDLE_CONF"
before=$(grep -o 'scene: attract item=.*' "$OUT/idle.log" | sed -n 1p)
after=$(grep -o 'scene: attract item=.*' "$OUT/idle.log" | sed -n 2p)
if [ $rc -eq 0 ] && grep -q 'visit: idle for 30 s; back to the attract loop' "$OUT/idle.log" && [ -n "$after" ] &&
    [ "$before" = "$after" ] && ! cmp -s "$OUT/idle/before-countdown.png" "$OUT/idle/countdown.png"; then
    ok "idle: a countdown shows, then the attract loop resumes with the slide it left"
else
    not_ok "idle: countdown and return to the attract loop (rc=$rc, before=$before, after=$after)" "$OUT/idle.log"
fi

# --- the hidden admin gesture: five taps in the top-left corner, a wrong PIN, then the right one
hash=$(printf '2468\n' | "$KIOSK" --hash-pin | sed 's/^pin_hash = //')
ADMIN_CONF=$OUT/admin.conf
printf '[attract]\ndwell_ms = 8000\n[admin]\npin_hash = %s\n' "$hash" > "$ADMIN_CONF"
CORNER="tap 0.004 0.006
wait 200
tap 0.004 0.006
wait 200
tap 0.004 0.006
wait 200
tap 0.004 0.006
wait 200
tap 0.004 0.006"
run admin 1920x1080 "wait 1000
$CORNER
shot pin
press pin-digit 1
press pin-digit 1
press pin-digit 1
press pin-digit 1
press pin-enter
shot pin-wrong
press pin-digit 2
press pin-digit 4
press pin-digit 6
press pin-digit 8
press pin-enter
shot admin
press close
quit" --config "$ADMIN_CONF"
if [ $rc -eq 0 ] && grep -q '^<4>admin: wrong PIN (4 tries left)' "$OUT/admin.log" &&
    grep -q '^<6>admin: unlocked' "$OUT/admin.log" &&
    in_order "$OUT/admin.log" "scene: pin" "scene: admin" "scene: home" && nonblank "$OUT/admin" 1920x1080; then
    ok "admin: the corner gesture asks for the PIN; a wrong PIN is refused, the right one opens the panel"
else
    not_ok "admin: gesture, wrong then right PIN (rc=$rc)" "$OUT/admin.log"
fi

# five wrong PINs lock the pad; the right PIN is then refused
wrong="press pin-digit 9
press pin-digit 9
press pin-digit 9
press pin-digit 9
press pin-enter"
run lockout 1280x720 "wait 1000
$CORNER
$wrong
$wrong
$wrong
$wrong
$wrong
press pin-digit 2
press pin-digit 4
press pin-digit 6
press pin-digit 8
press pin-enter
shot locked
quit" --config "$ADMIN_CONF"
if [ $rc -eq 0 ] && grep -q '^<4>admin: wrong PIN; locked for 300 s' "$OUT/lockout.log" &&
    grep -q '^<4>admin: PIN refused: locked' "$OUT/lockout.log" && ! grep -q 'scene: admin' "$OUT/lockout.log"; then
    ok "admin: five wrong PINs lock the pad, and the right PIN is refused while locked"
else
    not_ok "admin: lockout after five wrong PINs (rc=$rc)" "$OUT/lockout.log"
fi

# without a pin_hash the gesture opens nothing; no key quits, Escape goes back
run nopin 1280x720 "wait 1000
$CORNER
wait 500
press module 0
key escape
key escape
key escape
key q
key f4
wait 500
shot still-here
quit"
if [ $rc -eq 0 ] && grep -q '^<4>admin: the panel is locked: no pin_hash' "$OUT/nopin.log" &&
    ! grep -q 'scene: pin' "$OUT/nopin.log" && ! grep -q 'input: quit' "$OUT/nopin.log" &&
    in_order "$OUT/nopin.log" "scene: home" "scene: list module=maxim page=1/" "scene: home"; then
    ok "no PIN configured: the gesture opens nothing; Escape goes back and no key quits"
else
    not_ok "no PIN configured: gesture and keys (rc=$rc)" "$OUT/nopin.log"
fi

# --- a real X server: xdotool clicks from the attract loop to a case page, drags, and back
if command -v Xvfb > /dev/null && command -v xdotool > /dev/null; then
    disp=:$((90 + $$ % 50))
    Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
    xvfb=$!
    tries=0
    while [ ! -S "/tmp/.X11-unix/X${disp#:}" ] && [ $tries -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
    printf '[attract]\ndwell_ms = 600000\n' > "$OUT/x11.conf"
    # its own state folder: a real run saves usage statistics at exit
    DISPLAY=$disp SDL_VIDEODRIVER=x11 "$KIOSK" --config "$OUT/x11.conf" --windowed --size 1280x720 --verbose \
        --state-dir "$OUT/x11-state" > /dev/null 2> "$OUT/x11.log" &
    kiosk=$!
    # wait_for N PATTERN: until the log has N lines matching PATTERN (15 s at most)
    wait_for() { wait_lines "$OUT/x11.log" "$1" "$2" 150; }
    # centre ACTION ARG: "x y" of the newest target ACTION ARG the kiosk logged
    centre() {
        grep "screen: target $1 $2 at " "$OUT/x11.log" | tail -n 1 |
            sed 's/.* at \([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/' |
            awk '{ printf "%d %d", $1 + $3 / 2, $2 + $4 / 2 }'
    }
    click() { DISPLAY=$disp timeout 15 xdotool mousemove --window "$win" $1 click 1; }
    wait_for 1 '^<6>scene: attract'
    win=$(DISPLAY=$disp timeout 15 xdotool search --sync --onlyvisible --pid $kiosk 2> /dev/null | head -n 1)
    if [ -n "$win" ]; then
        # swipes on the real clock: the slides on either side are not made
        # in advance (the dwell is long), so each transition waits for its
        # slide; a swipe left and a swipe right come back to the first slide
        swipe() { DISPLAY=$disp timeout 15 xdotool mousemove --window "$win" $1 360 mousedown 1 sleep 0.03 \
            mousemove --window "$win" $2 360 sleep 0.03 mousemove --window "$win" $3 360 sleep 0.02 mouseup 1; }
        swipe 1000 700 300
        wait_for 2 '^<6>scene: attract'
        swipe 300 600 1000
        wait_for 3 '^<6>scene: attract'
        grep '^<6>scene: attract' "$OUT/x11.log" | head -n 3 > "$OUT/x11.attract"
        if [ "$(sed -n 1p "$OUT/x11.attract")" = "$(sed -n 3p "$OUT/x11.attract")" ] &&
            [ "$(sed -n 1p "$OUT/x11.attract")" != "$(sed -n 2p "$OUT/x11.attract")" ] &&
            [ "$(sed -n 2p "$OUT/x11.attract")" != "" ]; then
            ok "X11: a swipe left and a swipe right on the real clock wait for their slides and come back"
        else
            not_ok "X11: a swipe left and a swipe right on the real clock come back to the first slide" "$OUT/x11.log"
        fi
        click "640 360"
        wait_for 1 '^<6>scene: home'
        click "$(centre module 1)"
        wait_for 1 '^<6>scene: list module=case'
        click "$(centre item 0)"
        wait_for 1 "^<6>scene: detail item=$first_case page=1/"
        # a drag with the mouse held: scrolls the page, changes no scene
        DISPLAY=$disp timeout 15 xdotool mousemove --window "$win" 800 600 mousedown 1 \
            mousemove --window "$win" 800 500 mousemove --window "$win" 800 400 mousemove --window "$win" 800 300 \
            mouseup 1
        sleep 0.5
        click "$(centre step 1)"
        wait_for 1 "^<6>scene: detail item=$first_case page=2/"
        click "$(centre back 0)"
        wait_for 2 '^<6>scene: list module=case'
        click "$(centre back 0)"
        wait_for 2 '^<6>scene: home'
    fi
    kill $kiosk 2> /dev/null
    wait $kiosk 2> /dev/null
    kill $xvfb 2> /dev/null
    wait $xvfb 2> /dev/null
    if [ -n "$win" ] && in_order "$OUT/x11.log" "scene: home" "scene: list module=case page=1/" \
        "scene: detail item=$first_case page=1/5" "scene: detail item=$first_case page=2/5" \
        "scene: list module=case page=1/" "scene: home"; then
        ok "X11: xdotool clicks and a drag go from the attract loop to a case page and back"
    else
        not_ok "X11: clicks from the attract loop to a case page and back (window=$win)" "$OUT/x11.log"
    fi
else
    not_ok "X11 test needs Xvfb and xdotool (make deps installs them)"
fi

echo "e2e visit: $passed passed, $failed failed"
[ $failed -eq 0 ]
