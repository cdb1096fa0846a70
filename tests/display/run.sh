#!/bin/sh
# Display back-ends and rotation (make display-test):
# (a) headless rotation: a 1920x1080 panel turned 90, 180 and 270 degrees
#     shows exactly the picture of an upright panel of the turned size; the
#     panel's framebuffer holds it turned clockwise; scripted touches land
#     where the visitor sees the targets; bad values are refused clearly;
# (b) X11 under Xvfb: a real fullscreen window on a 1920x1080 screen with
#     rotate = 90; the screen (xwd) is the upright picture turned; xdotool
#     clicks at screen points reach the targets shown there; no cursor, no
#     screen saver; and GPU-less: Mesa's softpipe under PR_SET_MDWE (what
#     MemoryDenyWriteExecute=yes does) draws the kiosk;
# (c) Wayland under cage (headless wlroots): the kiosk starts fullscreen,
#     grim's screenshot is the upright picture turned;
# (d) kmsdrm: without a DRM device the start fails with one clear line and
#     a non-zero exit (systemd restarts it); with no driver at all too.
# Usage: tests/display/run.sh BUILD_DIR
set -u
BUILD=${1:-build}
OUT=$BUILD/display
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
KIOSK=$(cd "$(dirname "$BUILD/qingfeng")" && pwd)/qingfeng
TURNED=$BUILD/tests/img_turned
STATS=$BUILD/tests/png_stats
CLOCK="2025-06-02 09:30"

passed=0
failed=0
skipped=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/#   /' "$2" | tail -n 20; }
skip() { skipped=$((skipped + 1)); echo "ok - # SKIP $1"; }

# Slides change only when asked: what is on screen is known.
CONF=$OUT/kiosk.conf
printf '[attract]\ndwell_ms = 600000\n' > "$CONF"

# headless NAME SIZE SCRIPT [args...]: a scripted run on the offscreen driver.
headless() {
    name=$1 size=$2 text=$3
    shift 3
    mkdir -p "$OUT/$name"
    printf '%s\n' "$text" > "$OUT/$name.script"
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy \
        "$KIOSK" --config "$CONF" --windowed --size "$size" --clock "$CLOCK" --state-dir "$OUT/state" \
        --script "$OUT/$name.script" --shots "$OUT/$name" --verbose "$@" > "$OUT/$name.out" 2> "$OUT/$name.log"
    rc=$?
}

# same A B DEG: B is A turned DEG degrees clockwise, pixel for pixel.
same() { "$TURNED" "$1" "$2" "$3" 0.5 > "$OUT/cmp.txt" 2>&1; }
# differs A B DEG: B is clearly not A turned DEG degrees.
differs() { ! "$TURNED" "$1" "$2" "$3" 5 > /dev/null 2>&1; }

scenes() { grep -o 'scene: .*' "$1" | tr '\n' '|'; }

# --- (a) headless rotation
TOUR='wait 100
shot attract
panel-shot attract-panel
swipe left
wait 1500
tap 0.5 0.5
wait 1000
shot home
panel-shot home-panel
press module 1
wait 1000
shot list
press back
wait 1000
shot home-again'
# A swipe to the next slide, 首页, 警示教育, 返回.
WANT='^scene: attract item=maxim-ai-lian|scene: attract item=[a-z-]*|scene: home|scene: list module=case page=1/[0-9]*|scene: home|$'

headless upright 1080x1920 "$TOUR"
up_rc=$rc
headless landscape 1920x1080 "$TOUR"
land_rc=$rc
if [ $up_rc -eq 0 ] && [ $land_rc -eq 0 ] && scenes "$OUT/upright.log" | grep -q "$WANT" &&
    ! scenes "$OUT/upright.log" | grep -q 'maxim-ai-lian|scene: attract item=maxim-ai-lian' &&
    scenes "$OUT/landscape.log" | grep -q "$WANT"; then
    ok "reference runs: a portrait and a landscape panel, upright"
else
    not_ok "reference runs (rc $up_rc, $land_rc): $(scenes "$OUT/upright.log")" "$OUT/upright.log"
fi

for deg in 90 270; do
    # 90 by the config file, 270 by the flag.
    if [ $deg -eq 90 ]; then
        printf '[attract]\ndwell_ms = 600000\n[display]\nrotate = 90\n' > "$OUT/rot90.conf"
        headless rot$deg 1920x1080 "$TOUR" --config "$OUT/rot90.conf"
    else
        headless rot$deg 1920x1080 "$TOUR" --rotate $deg
    fi
    other=$((360 - deg))
    if [ $rc -eq 0 ] && grep -q "^<6>video: 1080x1920 .* rotate=$deg panel=1920x1080 " "$OUT/rot$deg.log"; then
        ok "rotate=$deg on a 1920x1080 panel: the picture is 1080x1920, the portrait layout"
    else
        not_ok "rotate=$deg on a 1920x1080 panel: start (rc=$rc)" "$OUT/rot$deg.log"
    fi
    bad=""
    for shot in attract home list home-again; do
        same "$OUT/upright/$shot.png" "$OUT/rot$deg/$shot.png" 0 || bad="$bad $shot($(cat "$OUT/cmp.txt"))"
    done
    if [ -z "$bad" ]; then
        ok "rotate=$deg: screenshots are the upright portrait picture, pixel for pixel"
    else
        not_ok "rotate=$deg: screenshots differ from the upright portrait panel:$bad"
    fi
    if same "$OUT/upright/attract.png" "$OUT/rot$deg/attract-panel.png" $deg &&
        same "$OUT/upright/home.png" "$OUT/rot$deg/home-panel.png" $deg &&
        differs "$OUT/upright/home.png" "$OUT/rot$deg/home-panel.png" $other; then
        ok "rotate=$deg: the panel's framebuffer holds the picture turned $deg degrees clockwise"
    else
        not_ok "rotate=$deg: the panel's framebuffer is not the picture turned $deg degrees ($(cat "$OUT/cmp.txt"))"
    fi
    if [ "$(scenes "$OUT/rot$deg.log")" = "$(scenes "$OUT/upright.log")" ]; then
        ok "rotate=$deg: touches on the panel do what the visitor sees (swipe to the next slide, 首页, 警示教育, 返回)"
    else
        not_ok "rotate=$deg: touches: $(scenes "$OUT/rot$deg.log")" "$OUT/rot$deg.log"
    fi
done

headless rot180 1920x1080 "$TOUR" --rotate 180
if [ $rc -eq 0 ] && same "$OUT/landscape/home.png" "$OUT/rot180/home.png" 0 &&
    same "$OUT/landscape/home.png" "$OUT/rot180/home-panel.png" 180 &&
    [ "$(scenes "$OUT/rot180.log")" = "$(scenes "$OUT/landscape.log")" ]; then
    ok "rotate=180: upside down, same layout, the panel turned half round, touches follow"
else
    not_ok "rotate=180 (rc=$rc): $(scenes "$OUT/rot180.log") $(cat "$OUT/cmp.txt")" "$OUT/rot180.log"
fi

"$KIOSK" --rotate 45 > /dev/null 2> "$OUT/flag45.log"
rc=$?
printf '[display]\nrotate = left\n' > "$OUT/bad.conf"
"$KIOSK" --check-config "$OUT/bad.conf" > "$OUT/check.out" 2>&1
crc=$?
if [ $rc -eq 2 ] && grep -q "rotate: '45' is not 0, 90, 180 or 270" "$OUT/flag45.log" && [ $crc -eq 1 ] &&
    grep -q 'bad.conf:2: \[display\] rotate: "left" must be 0, 90, 180 or 270' "$OUT/check.out"; then
    ok "--rotate 45 and rotate = left are refused, naming the flag or file, line and key"
else
    not_ok "bad rotation values (rc $rc, check $crc)" "$OUT/check.out"
fi

# --- (b) X11: a real window under Xvfb
if command -v Xvfb > /dev/null && command -v xdotool > /dev/null && command -v xwd > /dev/null; then
    disp=:$((140 + $$ % 50))
    Xvfb "$disp" -screen 0 1920x1080x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
    xvfb=$!
    tries=0
    while [ ! -S "/tmp/.X11-unix/X${disp#:}" ] && [ $tries -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
    : > "$OUT/x11.log"
    DISPLAY=$disp SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy "$KIOSK" --config "$CONF" --fullscreen --rotate 90 \
        --state-dir "$OUT/state" --verbose > /dev/null 2> "$OUT/x11.log" &
    kiosk=$!
    wait_for() {
        tries=0
        while [ "$(grep -c "$2" "$OUT/x11.log")" -lt "$1" ] && [ $tries -lt 150 ]; do sleep 0.1; tries=$((tries + 1)); done
    }
    # panel_point LX LY: the screen point where rotate = 90 shows the
    # picture's (LX, LY) on the 1920x1080 screen (the picture is 1080x1920).
    panel_point() { echo "$1 $2" | awk '{ printf "%d %d", 1920 - 1 - $2, $1 }'; }
    centre() {
        grep "screen: target $1 $2 at " "$OUT/x11.log" | tail -n 1 |
            sed 's/.* at \([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/' |
            awk '{ printf "%d %d", $1 + $3 / 2, $2 + $4 / 2 }'
    }
    click() { DISPLAY=$disp timeout 15 xdotool mousemove $1 click 1; }
    grab() { DISPLAY=$disp timeout 15 xwd -root -silent > "$OUT/$1.xwd"; }
    wait_for 1 '^<6>scene: attract'
    sleep 1
    grab x11-attract
    # The picture's centre is the screen's centre; then 警示教育, top right
    # in the picture, which the turned screen shows at its bottom right.
    click "$(panel_point 540 960)"
    sleep 0.3
    wait_for 1 '^<6>scene: home'
    sleep 1
    grab x11-home
    click "$(panel_point $(centre module 1))"
    wait_for 1 '^<6>scene: list module=case'
    kill $kiosk 2> /dev/null
    wait $kiosk 2> /dev/null
    kill $xvfb 2> /dev/null
    wait $xvfb 2> /dev/null
    if grep -q '^<6>video: 1080x1920 driver=x11 .* rotate=90 panel=1920x1080 cursor=hidden screensaver=off' "$OUT/x11.log"; then
        ok "X11: fullscreen on 1920x1080 with rotate=90 draws a 1080x1920 picture; cursor hidden, screen saver off"
    else
        not_ok "X11: start line" "$OUT/x11.log"
    fi
    # The header's clock shows the real time here: allow for it.
    if "$TURNED" "$OUT/upright/attract.png" "$OUT/x11-attract.xwd" 90 3 > "$OUT/cmp.txt" 2>&1 &&
        "$TURNED" "$OUT/upright/home.png" "$OUT/x11-home.xwd" 90 3 >> "$OUT/cmp.txt" 2>&1; then
        ok "X11: the screen (xwd) shows the upright picture turned 90 degrees ($(tr '\n' ' ' < "$OUT/cmp.txt"))"
    else
        not_ok "X11: the screen is not the picture turned 90 degrees" "$OUT/cmp.txt"
    fi
    if scenes "$OUT/x11.log" | grep -q '^scene: attract item=maxim-ai-lian|scene: home|scene: list module=case page=1/2|$'; then
        ok "X11: xdotool clicks on the turned screen open 首页 and then 警示教育"
    else
        not_ok "X11: clicks: $(scenes "$OUT/x11.log")" "$OUT/x11.log"
    fi

    # A box without a GPU driver: Mesa's llvmpipe generates code, which
    # kiosk.service's MemoryDenyWriteExecute=yes forbids; softpipe does not.
    disp=:$((190 + $$ % 50))
    Xvfb "$disp" -screen 0 1920x1080x24 -nolisten tcp > "$OUT/xvfb2.log" 2>&1 &
    xvfb=$!
    tries=0
    while [ ! -S "/tmp/.X11-unix/X${disp#:}" ] && [ $tries -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
    : > "$OUT/x11.log"
    DISPLAY=$disp SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy GALLIUM_DRIVER=softpipe DRAW_USE_LLVM=0 \
        python3 "$(dirname "$0")/no_wx.py" "$KIOSK" --config "$CONF" --fullscreen --state-dir "$OUT/state" \
        --verbose > /dev/null 2> "$OUT/x11.log" &
    kiosk=$!
    wait_for 1 '^<6>scene: attract'
    sleep 1
    grab x11-softpipe
    kill $kiosk 2> /dev/null # SIGTERM: the kiosk quits cleanly, exit 0
    wait $kiosk
    rc=$?
    kill $xvfb 2> /dev/null
    wait $xvfb 2> /dev/null
    cp "$OUT/x11.log" "$OUT/x11-softpipe.log"
    if grep -q '^no_wx: PR_SET_MDWE' "$OUT/x11-softpipe.log"; then
        skip "GPU-less: this kernel has no PR_SET_MDWE (Linux 6.3+), so MemoryDenyWriteExecute cannot be tried here"
    elif [ $rc -eq 0 ] && grep -q '^<6>scene: attract' "$OUT/x11-softpipe.log" &&
        "$TURNED" "$OUT/landscape/attract.png" "$OUT/x11-softpipe.xwd" 0 3 > "$OUT/cmp.txt" 2>&1; then
        ok "GPU-less: GALLIUM_DRIVER=softpipe draws with writable memory never executable ($(cat "$OUT/cmp.txt"))"
    else
        not_ok "GPU-less: softpipe with writable memory never executable (rc=$rc, $(cat "$OUT/cmp.txt"))" "$OUT/x11-softpipe.log"
    fi
else
    not_ok "X11 tests need Xvfb, xdotool and xwd (make deps installs xvfb, xdotool, x11-apps)"
fi

# --- (c) Wayland under cage, headless wlroots
# cage refuses to run as root: run it as nobody where the tests run as root.
if command -v cage > /dev/null && command -v grim > /dev/null; then
    WL=$(mktemp -d /tmp/qf-display.XXXXXX)
    mkdir -p "$WL/run" "$WL/state"
    chmod 755 "$WL"
    chmod 700 "$WL/run"
    as_user=""
    if [ "$(id -u)" -eq 0 ]; then
        chown 65534:65534 "$WL/run" "$WL/state"
        as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    fi
    : > "$OUT/cage.log"
    env XDG_RUNTIME_DIR="$WL/run" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
        SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy \
        $as_user cage -- "$KIOSK" --config "$CONF" --fullscreen --rotate 90 --state-dir "$WL/state" --verbose \
        > "$OUT/cage.log" 2>&1 &
    cage_pid=$!
    tries=0
    while ! grep -q '^<6>scene: attract' "$OUT/cage.log" && [ $tries -lt 200 ] && kill -0 $cage_pid 2> /dev/null; do
        sleep 0.1
        tries=$((tries + 1))
    done
    sleep 1
    sock=$(ls "$WL/run" | grep '^wayland-[0-9]*$' | head -n 1)
    env XDG_RUNTIME_DIR="$WL/run" WAYLAND_DISPLAY="$sock" $as_user grim "$WL/run/cage.png" > "$OUT/grim.log" 2>&1
    cp "$WL/run/cage.png" "$OUT/cage.png" 2> /dev/null
    kill $cage_pid 2> /dev/null
    wait $cage_pid 2> /dev/null
    rm -rf "$WL"
    # headless wlroots makes one 1280x720 output: the picture is 720x1280.
    headless upright720 720x1280 'wait 100
shot attract'
    if grep -q '^<6>video: 720x1280 driver=wayland .* rotate=90 panel=1280x720 cursor=hidden screensaver=off' "$OUT/cage.log"; then
        ok "Wayland: the kiosk starts fullscreen under cage ($(grep -o 'renderer=[a-z0-9]*' "$OUT/cage.log" | head -n 1))"
    else
        not_ok "Wayland: start under cage" "$OUT/cage.log"
    fi
    if [ -f "$OUT/cage.png" ] && "$TURNED" "$OUT/upright720/attract.png" "$OUT/cage.png" 90 3 > "$OUT/cmp.txt" 2>&1; then
        ok "Wayland: grim's screenshot is the upright picture turned 90 degrees ($(cat "$OUT/cmp.txt"))"
    elif [ -f "$OUT/cage.png" ] && ! ls /dev/dri/renderD* > /dev/null 2>&1 &&
        "$STATS" "$OUT/cage.png" | grep -q ' distinct=1 ink=0'; then
        # Without a render node wlroots composites with pixman, which shows
        # the kiosk's EGL (llvmpipe) buffers as black; a GPU shows them.
        skip "Wayland: grim's screenshot is all black: headless wlroots without /dev/dri/renderD* cannot show EGL windows"
    else
        not_ok "Wayland: grim's screenshot ($(cat "$OUT/cmp.txt" 2> /dev/null))" "$OUT/grim.log"
    fi
else
    not_ok "Wayland tests need cage and grim (make deps installs them)"
fi

# --- (d) kmsdrm and no display
if ls /dev/dri/card* > /dev/null 2>&1; then
    skip "this machine has a DRM device: the start without one is not tested here (start on it: docs/display.md)"
else
    SDL_VIDEODRIVER=kmsdrm timeout 30 "$KIOSK" --config "$CONF" --fullscreen --state-dir "$OUT/state" \
        > /dev/null 2> "$OUT/kmsdrm.log"
    rc=$?
    if [ $rc -eq 1 ] && [ "$(grep -c '^<3>' "$OUT/kmsdrm.log")" -eq 1 ] &&
        grep -q '^<3>video: SDL_VIDEODRIVER=kmsdrm cannot start (SDL: .*): there is no DRM device (/dev/dri/card\*)' "$OUT/kmsdrm.log"; then
        ok "kmsdrm without /dev/dri: exit 1 and one error line naming the driver and what to do"
    else
        not_ok "kmsdrm without /dev/dri (rc=$rc)" "$OUT/kmsdrm.log"
    fi
fi
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 30 "$KIOSK" --config "$CONF" --fullscreen \
    --state-dir "$OUT/state" > /dev/null 2> "$OUT/nodisplay.log"
rc=$?
if [ $rc -eq 1 ] && grep -q '^<3>video: no display could be opened (SDL: .*): set SDL_VIDEODRIVER=kmsdrm' "$OUT/nodisplay.log" &&
    ! grep -q 'scene:' "$OUT/nodisplay.log"; then
    ok "no display and no driver set: exit 1, never an invisible offscreen kiosk"
else
    not_ok "no display and no driver set (rc=$rc)" "$OUT/nodisplay.log"
fi

echo "display: $passed passed, $failed failed, $skipped skipped (pictures in $OUT)"
[ $failed -eq 0 ]
