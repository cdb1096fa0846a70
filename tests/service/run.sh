#!/bin/sh
# The kiosk as a systemd service (make service-test, part of make check):
# (a) make install puts the unit and the default config in place (an edited
#     config survives install and uninstall); the installed unit runs as
#     qingfeng, passes systemd-analyze verify and rates an overall exposure of
#     2.0 or lower in systemd-analyze security;
# (b) the real kiosk, headless, against a notify socket: READY=1, regular
#     WATCHDOG=1, STOPPING=1 on SIGTERM, and silence when the UI loop hangs
#     (notify_listen.py plays systemd's side).
# Usage: tests/service/run.sh BUILD_DIR
set -u
BUILD=${1:-build}
HERE=$(dirname "$0")
OUT=$BUILD/service
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/#   /' "$2" | tail -n 20; }

if ! command -v systemd-analyze > /dev/null 2>&1; then
    echo "not ok - needs systemd (make deps installs it): systemd-analyze not found"
    exit 1
fi

# --- (a) the installed unit
DEST=$OUT/root
UNIT=$DEST/usr/lib/systemd/system/qingfeng.service
if ${MAKE:-make} -s install DESTDIR="$DEST" PREFIX=/usr BUILD="$BUILD" > "$OUT/install.log" 2>&1 && [ -f "$UNIT" ]; then
    ok "make install DESTDIR=... PREFIX=/usr installs qingfeng.service"
else
    not_ok "make install DESTDIR=... PREFIX=/usr installs qingfeng.service" "$OUT/install.log"
fi

# The commented default config: installed when there is none, an edited one
# kept by install and uninstall, the unchanged default removed by uninstall.
CONF=$DEST/etc/qingfeng/kiosk.conf
if cmp -s kiosk.conf "$CONF" && "$BUILD/qingfeng" --check-config "$CONF" > "$OUT/check-config.log" 2>&1; then
    ok "make install puts the default config in DESTDIR/etc/qingfeng/kiosk.conf; --check-config: ok"
else
    not_ok "make install puts the default config in DESTDIR/etc/qingfeng/kiosk.conf; --check-config: ok" "$OUT/check-config.log"
fi
conf_kept() {
    sed -i 's/^dwell_ms = .*/dwell_ms = 12000/' "$CONF"
    ${MAKE:-make} -s install DESTDIR="$DEST" PREFIX=/usr BUILD="$BUILD" || return 1
    grep -qx 'dwell_ms = 12000' "$CONF" || { echo "install replaced the edited config"; return 1; }
    ${MAKE:-make} -s uninstall DESTDIR="$DEST" PREFIX=/usr BUILD="$BUILD" || return 1
    grep -qx 'dwell_ms = 12000' "$CONF" || { echo "uninstall removed the edited config"; return 1; }
    [ ! -e "$DEST/usr/bin/qingfeng" ] || { echo "uninstall left the program"; return 1; }
    cp kiosk.conf "$CONF"
    ${MAKE:-make} -s uninstall DESTDIR="$DEST" PREFIX=/usr BUILD="$BUILD" || return 1
    [ ! -e "$DEST/etc/qingfeng" ] || { echo "uninstall left the unchanged default config"; return 1; }
    ${MAKE:-make} -s install DESTDIR="$DEST" PREFIX=/usr BUILD="$BUILD"
}
if conf_kept > "$OUT/conf-kept.log" 2>&1; then
    ok "install and uninstall keep an edited config; uninstall removes the unchanged default"
else
    not_ok "install and uninstall keep an edited config; uninstall removes the unchanged default" "$OUT/conf-kept.log"
fi

if grep -qx 'User=qingfeng' "$UNIT" && ! grep -q '^DynamicUser=' "$UNIT"; then
    ok "the installed unit runs as the system user qingfeng"
else
    not_ok "the installed unit runs as the system user qingfeng" "$UNIT"
fi

if grep -qx 'ExecStart=/usr/bin/qingfeng --fullscreen' "$UNIT"; then
    ok "the installed unit starts /usr/bin/qingfeng"
else
    not_ok "the installed unit starts /usr/bin/qingfeng" "$UNIT"
fi

# verify checks that ExecStart's binary exists; --root would also need the
# host's units (sysinit.target ...) under DESTDIR. So the installed unit is
# verified as is, with only ExecStart pointed at the staged binary.
sed "s|^ExecStart=/usr/bin/|ExecStart=$DEST/usr/bin/|" "$UNIT" > "$OUT/qingfeng.service"
if systemd-analyze verify "$OUT/qingfeng.service" > "$OUT/verify.log" 2>&1 && [ ! -s "$OUT/verify.log" ]; then
    ok "systemd-analyze verify: no errors or warnings"
else
    not_ok "systemd-analyze verify: no errors or warnings" "$OUT/verify.log"
fi

systemd-analyze security --offline=yes --no-pager "$UNIT" > "$OUT/security.log" 2>&1
exposure=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9][0-9]*\.[0-9]\).*/\1/p' "$OUT/security.log")
if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }'; then
    ok "systemd-analyze security: overall exposure $exposure <= 2.0"
else
    not_ok "systemd-analyze security: overall exposure ${exposure:-unknown} <= 2.0" "$OUT/security.log"
fi

# --- (b) readiness and the watchdog, with the real kiosk
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
unset QINGFENG_TEST_FREEZE_AFTER_MS
kiosk() { echo "$BUILD/qingfeng" --windowed --size 640x360 --feed "$BUILD/feed" --state-dir "$OUT/state-$1"; }

python3 "$HERE/notify_listen.py" alive "$OUT/alive.log" -- $(kiosk alive) > "$OUT/alive.out" 2>&1
cat "$OUT/alive.out"
passed=$((passed + $(grep -c '^ok - ' "$OUT/alive.out")))
failed=$((failed + $(grep -c '^not ok - ' "$OUT/alive.out")))
grep -q '^ok - .*exits 0' "$OUT/alive.out" || { failed=$((failed + 1)); echo "not ok - alive run incomplete"; sed 's/^/#   /' "$OUT/alive.log" | tail -n 20; }

# Started in sleep hours: the black frame is the first frame, so READY=1
# comes, and the pings go on while the screen sleeps.
printf '[sleep]\nhours = 00:00-24:00\n[sync]\nstate_dir = %s\n' "$OUT/state-asleep" > "$OUT/asleep.conf"
python3 "$HERE/notify_listen.py" alive "$OUT/asleep.log" -- $(kiosk asleep) --config "$OUT/asleep.conf" 2>&1 |
    sed 's/^\(\(not \)\{0,1\}ok - \)/\1asleep: /' > "$OUT/asleep.out"
cat "$OUT/asleep.out"
passed=$((passed + $(grep -c '^ok - ' "$OUT/asleep.out")))
failed=$((failed + $(grep -c '^not ok - ' "$OUT/asleep.out")))
if grep -q '^ok - .*exits 0' "$OUT/asleep.out" && grep -q '^<6>sleep: screen off' "$OUT/asleep.log"; then
    passed=$((passed + 1)); echo "ok - asleep: the kiosk started asleep and said so"
else
    failed=$((failed + 1)); echo "not ok - asleep run incomplete"; sed 's/^/#   /' "$OUT/asleep.log" | tail -n 20
fi

# The loop hangs 2.5 s after it starts: a few pings first, then none.
QINGFENG_TEST_FREEZE_AFTER_MS=2500 python3 "$HERE/notify_listen.py" freeze "$OUT/freeze.log" -- $(kiosk freeze) \
    > "$OUT/freeze.out" 2>&1
cat "$OUT/freeze.out"
passed=$((passed + $(grep -c '^ok - ' "$OUT/freeze.out")))
failed=$((failed + $(grep -c '^not ok - ' "$OUT/freeze.out")))
grep -q '^ok - freeze: pings stop' "$OUT/freeze.out" || { failed=$((failed + 1)); echo "not ok - freeze run incomplete"; sed 's/^/#   /' "$OUT/freeze.log" | tail -n 20; }

echo "service: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
