#!/bin/sh
# The Debian package on a clean Debian 12 (make deb-test; needs root, not part
# of make check: a fresh root, apt downloads and several installs take a few
# minutes). In a chroot of a bookworm minbase root:
#  - apt-get install ./qingfeng_*.deb: the user qingfeng in video, render and
#    input; /var/lib/qingfeng owned by it, 0750; /etc/qingfeng/kiosk.conf a
#    conffile that --check-config finds ok; the unit passes systemd-analyze
#    verify, rates 2.0 or lower in systemd-analyze security and is enabled;
#  - the unit's ExecStart, run as qingfeng (SDL offscreen, a short script),
#    reaches its first slide and exits 0;
#  - booted with systemd-nspawn: the service starts at boot, reports ready,
#    runs as qingfeng in its sandbox and stops cleanly; the upgrade restarts
#    it, remove stops it;
#  - an upgrade to a higher version keeps the edited config, the user and the
#    state; remove keeps config, state and user; purge deletes config and state.
# A clean root: DEB_ROOT=DIR is copied (never changed); without it debootstrap
# makes one once in DEB_CACHE_ROOT (default /var/tmp/qingfeng-bookworm-minbase)
# and later runs copy that. DEB_TEST_BOOT=no skips the systemd-nspawn boot
# (upgrade, remove and purge then run in the chroot).
# Usage: tests/package/run.sh BUILD_DIR   (after make deb)
set -u
BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
OUT=$BUILD/package
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BUILD=$(cd "$BUILD" && pwd)

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/#   /' "$2" | tail -n 20; }
check() { # check NAME LOG CMD...: ok when CMD exits 0
    name=$1 log=$2
    shift 2
    if "$@" > "$log" 2>&1; then ok "$name"; else not_ok "$name" "$log"; fi
}
give_up() { echo "not ok - $1"; [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/#   /' "$2" | tail -n 20; echo "package: $passed passed, $((failed + 1)) failed"; exit 1; }

[ "$(id -u)" -eq 0 ] || give_up "needs root (chroot, mount)"
for tool in chroot mount umount dpkg-deb; do
    command -v "$tool" > /dev/null 2>&1 || give_up "needs $tool"
done
VERSION=$(sed -n 's/^#define QF_VERSION "\(.*\)"/\1/p' "$SRC/app/ui/version.h")
ARCH=$(dpkg --print-architecture)
DEB=$BUILD/qingfeng_${VERSION}_$ARCH.deb
[ -f "$DEB" ] || give_up "no $DEB: run make deb first"

# --- a clean bookworm root
CLEAN=${DEB_ROOT:-}
if [ -z "$CLEAN" ]; then
    CLEAN=${DEB_CACHE_ROOT:-/var/tmp/qingfeng-bookworm-minbase}
    if [ ! -f "$CLEAN/.qingfeng-complete" ]; then
        command -v debootstrap > /dev/null 2>&1 || give_up "needs debootstrap (apt-get install debootstrap) or DEB_ROOT=a clean bookworm root"
        echo "# debootstrap --variant=minbase bookworm $CLEAN (once; a few minutes)"
        rm -rf "$CLEAN"
        debootstrap --variant=minbase bookworm "$CLEAN" http://deb.debian.org/debian > "$OUT/debootstrap.log" 2>&1 ||
            give_up "debootstrap of a clean bookworm root" "$OUT/debootstrap.log"
        touch "$CLEAN/.qingfeng-complete"
    fi
fi
[ -x "$CLEAN/usr/bin/apt-get" ] && grep -q '^12\.' "$CLEAN/etc/debian_version" 2>/dev/null ||
    give_up "$CLEAN is not a Debian 12 root (no apt-get or etc/debian_version 12.x)"

boot_pid=""
leader=""
stop_boot() { :; }
ROOT=$(mktemp -d /var/tmp/qingfeng-deb-test.XXXXXX) || give_up "mktemp under /var/tmp"
unmount_all() {
    for m in dev/pts dev proc; do
        if grep -q " $ROOT/$m " /proc/mounts; then umount "$ROOT/$m" 2>/dev/null || umount -l "$ROOT/$m"; fi
    done
}
cleanup() {
    stop_boot
    unmount_all
    # Never delete through a mount that is still there (the host's /dev).
    if grep -q " $ROOT/" /proc/mounts; then
        echo "# $ROOT still has mounts; left in place"
    elif [ -n "${KEEP_ROOT:-}" ]; then
        echo "# root kept in $ROOT"
    else
        rm -rf "$ROOT"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# -x: a root with mounts inside (proc, dev) is copied without them.
cp -ax "$CLEAN/." "$ROOT/" || give_up "copy $CLEAN to $ROOT"
rm -f "$ROOT/.qingfeng-complete"
chmod 0755 "$ROOT" # mktemp's 0700 would keep the root's users out of /
mount -t proc proc "$ROOT/proc" && mount --bind /dev "$ROOT/dev" && mount --bind /dev/pts "$ROOT/dev/pts" ||
    give_up "mount proc and dev in $ROOT"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
# Where the package's commands run: the chroot, or the booted root below.
in_target() { in_root "$@"; }
APT="apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold"

[ -e "$ROOT/usr/bin/qingfeng" ] && give_up "the copied root already has qingfeng installed: not clean"
[ -d "$ROOT/run/systemd/system" ] && give_up "the copied root has /run/systemd/system: postinst would try to start the service"

# --- install
cp "$DEB" "$ROOT/tmp/"
in_root apt-get update -q > "$OUT/apt-update.log" 2>&1 || give_up "apt-get update in the root" "$OUT/apt-update.log"
check "apt-get install ./$(basename "$DEB") on a clean Debian 12" "$OUT/install.log" \
    in_root $APT install "/tmp/$(basename "$DEB")"
in_root dpkg-query -W -f='${Status} ${Version}\n' qingfeng > "$OUT/status.log" 2>&1
if grep -qx "install ok installed $VERSION" "$OUT/status.log"; then ok "dpkg: qingfeng $VERSION installed"; else not_ok "dpkg: qingfeng $VERSION installed" "$OUT/status.log"; fi

groups_of() { in_target id -nG qingfeng 2>&1 | tr ' ' '\n' | sort | tr '\n' ' '; }
user_ok() {
    g=$(groups_of)
    for want in qingfeng video render input; do
        case " $g" in *" $want "*) ;; *) echo "qingfeng's groups: $g (no $want)"; return 1 ;; esac
    done
    in_target getent passwd qingfeng | awk -F: '$3 > 0 && $3 < 1000 { ok = 1 } END { exit !ok }' ||
        { in_target getent passwd qingfeng; echo "not a system user"; return 1; }
}
check "system user qingfeng in groups video, render, input" "$OUT/user.log" user_ok
uid=$(in_root id -u qingfeng 2>/dev/null)

# stat_is PATH "OWNER:GROUP MODE"; stat runs inside, with the root's own names.
stat_is() {
    got=$(in_target stat -c '%U:%G %a' "$1" 2>&1)
    [ "$got" = "$2" ] || { echo "$1: $got, expected $2"; return 1; }
}
check "/var/lib/qingfeng: qingfeng:qingfeng 0750" "$OUT/state.log" stat_is /var/lib/qingfeng "qingfeng:qingfeng 750"
check "/etc/qingfeng/kiosk.conf: root:qingfeng 0640 (holds the PIN hash)" "$OUT/conf-mode.log" stat_is /etc/qingfeng/kiosk.conf "root:qingfeng 640"
if in_root dpkg-query --control-show qingfeng conffiles 2>/dev/null | grep -qx '/etc/qingfeng/kiosk.conf'; then
    ok "/etc/qingfeng/kiosk.conf is a conffile"
else
    not_ok "/etc/qingfeng/kiosk.conf is a conffile"
fi
if in_root /usr/bin/qingfeng --check-config /etc/qingfeng/kiosk.conf > "$OUT/check-config.log" 2>&1 &&
    grep -qx '/etc/qingfeng/kiosk.conf: ok' "$OUT/check-config.log"; then
    ok "qingfeng --check-config /etc/qingfeng/kiosk.conf: ok"
else
    not_ok "qingfeng --check-config /etc/qingfeng/kiosk.conf: ok" "$OUT/check-config.log"
fi
if in_root /usr/bin/qingfeng --version > "$OUT/version.log" 2>&1 && grep -qx "qingfeng $VERSION" "$OUT/version.log"; then
    ok "qingfeng --version says $VERSION"
else
    not_ok "qingfeng --version says $VERSION" "$OUT/version.log"
fi
check "qingfeng-feed check /usr/share/qingfeng/feed" "$OUT/feed-check.log" \
    in_root /usr/bin/qingfeng-feed check /usr/share/qingfeng/feed

# --- the unit
UNIT=/usr/lib/systemd/system/qingfeng.service
if [ -x "$ROOT/usr/bin/systemd-analyze" ]; then
    ok "systemd-analyze present in the root (systemd is recommended)"
else
    check "apt-get install systemd (for systemd-analyze)" "$OUT/install-systemd.log" in_root $APT install systemd
fi
if in_root systemd-analyze verify "$UNIT" > "$OUT/verify.log" 2>&1 && [ ! -s "$OUT/verify.log" ]; then
    ok "systemd-analyze verify $UNIT: no errors or warnings"
else
    not_ok "systemd-analyze verify $UNIT: no errors or warnings" "$OUT/verify.log"
fi
in_root systemd-analyze security --offline=yes --no-pager "$UNIT" > "$OUT/security.log" 2>&1
exposure=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9][0-9]*\.[0-9]\).*/\1/p' "$OUT/security.log")
if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }'; then
    ok "systemd-analyze security: overall exposure $exposure <= 2.0"
else
    not_ok "systemd-analyze security: overall exposure ${exposure:-unknown} <= 2.0" "$OUT/security.log"
fi
if grep -q 'Service runs under a static non-root user identity' "$OUT/security.log"; then
    ok "the service runs as the static user qingfeng"
else
    not_ok "the service runs as the static user qingfeng" "$OUT/security.log"
fi
WANTS=/etc/systemd/system/multi-user.target.wants/qingfeng.service
enabled_ok() {
    target=$(readlink "$ROOT$WANTS") || { echo "no link $WANTS"; return 1; }
    [ -f "$ROOT$target" ] || { echo "$WANTS -> $target, which the root does not have"; return 1; }
    in_target systemctl is-enabled qingfeng.service
}
check "service enabled ($WANTS; systemctl is-enabled)" "$OUT/enabled.log" enabled_ok

# --- the kiosk starts as the service would: ExecStart as qingfeng
exec_start=$(sed -n 's/^ExecStart=//p' "$ROOT$UNIT")
cat > "$ROOT/tmp/first-slide.txt" <<END
wait 100
shot first
quit
END
mkdir -p "$ROOT/tmp/shots"
in_root chown qingfeng:qingfeng /tmp/shots
# runuser takes qingfeng's groups from the root's /etc/group, as systemd does.
in_root runuser -u qingfeng -- env SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy \
    $exec_start --script /tmp/first-slide.txt --shots /tmp/shots > "$OUT/start.log" 2>&1
rc=$?
cp "$ROOT/tmp/shots/first.png" "$OUT/first-slide.png" 2>/dev/null
if [ $rc -eq 0 ] && grep -q '^<6>scene: attract item=' "$OUT/start.log" && [ -s "$OUT/first-slide.png" ]; then
    ok "ExecStart ($exec_start) as qingfeng reaches its first slide and exits 0"
else
    not_ok "ExecStart ($exec_start) as qingfeng reaches its first slide and exits 0 (rc=$rc)" "$OUT/start.log"
fi
if grep -q '^<6>start: .*config /etc/qingfeng/kiosk.conf,.*content /usr/share/qingfeng/feed' "$OUT/start.log"; then
    ok "it read /etc/qingfeng/kiosk.conf and showed the bundled feed"
else
    not_ok "it read /etc/qingfeng/kiosk.conf and showed the bundled feed" "$OUT/start.log"
fi
if grep -E '^<[0-3]>' "$OUT/start.log" > "$OUT/start.problems"; then
    not_ok "no errors in its log" "$OUT/start.problems"
else
    ok "no errors in its log"
fi
# Quiz results and synced content go to /var/lib/qingfeng: qingfeng writes
# there, other users cannot even list it.
state_private() {
    in_root runuser -u qingfeng -- sh -c 'echo probe > /var/lib/qingfeng/.probe && rm /var/lib/qingfeng/.probe' ||
        { echo "qingfeng cannot write /var/lib/qingfeng"; return 1; }
    ! in_root runuser -u nobody -- ls /var/lib/qingfeng || { echo "nobody can list /var/lib/qingfeng"; return 1; }
}
check "qingfeng can write /var/lib/qingfeng; other users cannot read it" "$OUT/state-private.log" state_private
if [ -x "$BUILD/tests/png_stats" ]; then
    stats=$("$BUILD/tests/png_stats" "$OUT/first-slide.png" 2>&1)
    distinct=$(echo "$stats" | sed -n 's/.*distinct=\([0-9]*\).*/\1/p')
    if [ "${distinct:-0}" -ge 200 ]; then ok "the first slide is drawn ($stats)"; else not_ok "the first slide is drawn ($stats)"; fi
fi

# --- the service under a booted systemd (systemd-nspawn --boot, when present):
# enabled, so it starts at boot; Type=notify, so "active" means READY=1 came;
# as qingfeng with its groups, inside the unit's full sandbox. Only the video
# driver differs from a screen: a drop-in sets SDL's offscreen driver.
boot_pid=""
stop_boot() {
    [ -n "$boot_pid" ] || return 0
    [ -n "${leader:-}" ] && nsenter -t "$leader" -a systemctl poweroff > /dev/null 2>&1
    n=0
    while kill -0 "$boot_pid" 2> /dev/null && [ $n -lt 60 ]; do sleep 1; n=$((n + 1)); done
    kill "$boot_pid" 2> /dev/null
    wait "$boot_pid" 2> /dev/null
    boot_pid=""
    rm -rf "$ROOT/etc/systemd/system/qingfeng.service.d"
}
in_boot() { nsenter -t "$leader" -a "$@"; }
if [ "${DEB_TEST_BOOT:-yes}" = no ]; then
    echo "# DEB_TEST_BOOT=no: the service is not booted"
elif ! command -v systemd-nspawn > /dev/null 2>&1; then
    echo "# systemd-nspawn not found (apt-get install systemd-container): the service is not booted"
else
    unmount_all
    DROPIN=$ROOT/etc/systemd/system/qingfeng.service.d
    mkdir -p "$DROPIN"
    printf '[Service]\nEnvironment=SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy\n' > "$DROPIN/headless.conf"
    # --keep-unit --register=no: the host needs no systemd or D-Bus of its own.
    systemd-nspawn -q -D "$ROOT" --boot --register=no --keep-unit --console=pipe -M "qingfeng-test-$$" \
        < /dev/null > "$OUT/boot.log" 2>&1 &
    boot_pid=$!
    leader=""
    n=0
    while [ -z "$leader" ] && kill -0 "$boot_pid" 2> /dev/null && [ $n -lt 60 ]; do
        # The container's init, once nspawn's own helper has become it.
        for c in $(cat /proc/$boot_pid/task/*/children 2> /dev/null); do
            [ "$(cat /proc/$c/comm 2> /dev/null)" = systemd ] && leader=$c
        done
        [ -n "$leader" ] || { sleep 1; n=$((n + 1)); }
    done
    if [ -z "$leader" ]; then
        not_ok "systemd-nspawn --boot of the installed root" "$OUT/boot.log"
    else
        in_boot timeout 120 systemctl is-system-running --wait > "$OUT/boot-state.log" 2>&1
        # The kiosk's own state: once active, systemd saw READY=1.
        n=0
        while [ "$(in_boot systemctl is-active qingfeng.service 2>/dev/null)" = activating ] && [ $n -lt 60 ]; do
            sleep 1; n=$((n + 1))
        done
        in_boot systemctl status --no-pager qingfeng.service > "$OUT/boot-status.log" 2>&1
        if [ "$(in_boot systemctl is-active qingfeng.service 2>&1)" = active ] &&
            in_boot systemctl show -p StatusText --value qingfeng.service | grep -q 'showing the attract loop'; then
            ok "booted: qingfeng.service started at boot and reported ready ($(sed -n 's/^ *Status: //p' "$OUT/boot-status.log"))"
        else
            not_ok "booted: qingfeng.service started at boot and reported ready" "$OUT/boot-status.log"
        fi
        mainpid=$(in_boot systemctl show -p MainPID --value qingfeng.service)
        in_boot cat /proc/"$mainpid"/status > "$OUT/boot-proc.log" 2>&1
        want_groups=$(for g in video render input; do in_boot getent group "$g" | cut -d: -f3; done | tr '\n' ' ')
        proc_ok() {
            grep -q "^Uid:[[:space:]]*$uid[[:space:]]" "$OUT/boot-proc.log" || { echo "not uid $uid"; cat "$OUT/boot-proc.log"; return 1; }
            for g in $want_groups; do
                grep "^Groups:" "$OUT/boot-proc.log" | tr '\t' ' ' | grep -q " $g\( \|$\)" || { echo "no group $g"; grep "^Groups:" "$OUT/boot-proc.log"; return 1; }
            done
            grep -q "^NoNewPrivs:[[:space:]]*1" "$OUT/boot-proc.log" && grep -q "^CapEff:[[:space:]]*0*$" "$OUT/boot-proc.log" &&
                grep -q "^Seccomp:[[:space:]]*2" "$OUT/boot-proc.log" || { echo "sandbox missing"; cat "$OUT/boot-proc.log"; return 1; }
        }
        check "booted: the kiosk runs as qingfeng (uid $uid, groups video render input), no capabilities, seccomp, no new privileges" \
            "$OUT/boot-user.log" proc_ok
        in_boot journalctl -u qingfeng.service --no-pager -o cat > "$OUT/boot-journal.log" 2>&1
        if grep -q '^scene: attract item=' "$OUT/boot-journal.log" && ! in_boot journalctl -u qingfeng.service -p err --no-pager -q | grep -q .; then
            ok "booted: the journal shows its first slide and no errors"
        else
            not_ok "booted: the journal shows its first slide and no errors" "$OUT/boot-journal.log"
        fi
        in_boot systemctl stop qingfeng.service > "$OUT/boot-stop.log" 2>&1
        if [ "$(in_boot systemctl show -p Result --value qingfeng.service)" = success ] &&
            [ "$(in_boot systemctl show -p ExecMainStatus --value qingfeng.service)" = 0 ]; then
            ok "booted: systemctl stop qingfeng: exit 0"
        else
            not_ok "booted: systemctl stop qingfeng: exit 0" "$OUT/boot-stop.log"
        fi
    fi
fi
# Upgrade, remove and purge run where the service runs: in the booted root,
# so the maintainer scripts restart and stop it; else in the chroot.
if [ -n "$boot_pid" ] && [ -n "$leader" ]; then
    in_boot systemctl start qingfeng.service > "$OUT/boot-restart.log" 2>&1
    in_target() { nsenter -t "$leader" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
    where="booted"
else
    [ -n "$boot_pid" ] && stop_boot
    in_target() { in_root "$@"; }
    where="chroot"
fi

# --- upgrade: an edited config, the user and the state stay
sed -i 's/^dwell_ms = .*/dwell_ms = 12000/' "$ROOT/etc/qingfeng/kiosk.conf"
echo "results of the last quiz rounds" > "$ROOT/var/lib/qingfeng/keep-me"
in_target chown qingfeng:qingfeng /var/lib/qingfeng/keep-me
UPVERSION=$VERSION+upgrade1
DEB2=$OUT/qingfeng_${UPVERSION}_$ARCH.deb
# The newer package's default config differs too, as when a release adds a
# key: dpkg must keep the admin's file and put the new default beside it.
newer_package() {
    sh "$SRC/packaging/deb.sh" "$BUILD" "$UPVERSION" || return 1
    rm -rf "$OUT/deb2"
    dpkg-deb -R "$BUILD/qingfeng_${UPVERSION}_$ARCH.deb" "$OUT/deb2" || return 1
    echo "; a key of version $UPVERSION" >> "$OUT/deb2/etc/qingfeng/kiosk.conf"
    dpkg-deb --root-owner-group --build "$OUT/deb2" "$DEB2" && rm -rf "$OUT/deb2" "$BUILD/qingfeng_${UPVERSION}_$ARCH.deb"
}
if newer_package > "$OUT/deb2.log" 2>&1; then
    cp "$DEB2" "$ROOT/root/"
    pid_before=$( [ "$where" = booted ] && in_boot systemctl show -p MainPID --value qingfeng.service)
    check "apt-get install of version $UPVERSION over $VERSION ($where)" "$OUT/upgrade.log" \
        in_target $APT install "/root/$(basename "$DEB2")"
    if [ "$where" = booted ]; then
        pid_after=$(in_boot systemctl show -p MainPID --value qingfeng.service)
        if [ "$(in_boot systemctl is-active qingfeng.service 2>&1)" = active ] && [ "${pid_before:-0}" -gt 0 ] &&
            [ "${pid_after:-0}" -gt 0 ] && [ "$pid_after" != "$pid_before" ]; then
            ok "upgrade: postinst restarted the running service (pid $pid_before -> $pid_after)"
        else
            in_boot systemctl status --no-pager qingfeng.service > "$OUT/upgrade-status.log" 2>&1
            not_ok "upgrade: postinst restarted the running service (pid $pid_before -> $pid_after)" "$OUT/upgrade-status.log"
        fi
    fi
else
    not_ok "make a package of version $UPVERSION" "$OUT/deb2.log"
fi
in_target dpkg-query -W -f='${Status} ${Version}\n' qingfeng > "$OUT/status2.log" 2>&1
if grep -qx "install ok installed $UPVERSION" "$OUT/status2.log"; then ok "upgrade: $UPVERSION installed"; else not_ok "upgrade: $UPVERSION installed" "$OUT/status2.log"; fi
if grep -qx 'dwell_ms = 12000' "$ROOT/etc/qingfeng/kiosk.conf" && ! grep -q "a key of version" "$ROOT/etc/qingfeng/kiosk.conf" &&
    grep -qx "; a key of version $UPVERSION" "$ROOT/etc/qingfeng/kiosk.conf.dpkg-dist" 2>/dev/null; then
    ok "upgrade: the edited kiosk.conf is kept, the new default is kiosk.conf.dpkg-dist"
else
    ls -la "$ROOT/etc/qingfeng" >> "$OUT/upgrade.log" 2>&1
    not_ok "upgrade: the edited kiosk.conf is kept, the new default is kiosk.conf.dpkg-dist" "$OUT/upgrade.log"
fi
if in_target /usr/bin/qingfeng --check-config /etc/qingfeng/kiosk.conf > "$OUT/check-config2.log" 2>&1 &&
    grep -qx '/etc/qingfeng/kiosk.conf: ok' "$OUT/check-config2.log"; then
    ok "upgrade: --check-config on the kept config: ok"
else
    not_ok "upgrade: --check-config on the kept config: ok" "$OUT/check-config2.log"
fi
check "upgrade: kiosk.conf still root:qingfeng 0640" "$OUT/conf-mode2.log" stat_is /etc/qingfeng/kiosk.conf "root:qingfeng 640"
if [ "$(in_target id -u qingfeng 2>/dev/null)" = "$uid" ] && user_ok > "$OUT/user2.log" 2>&1; then
    ok "upgrade: user qingfeng kept (uid $uid, same groups)"
else
    not_ok "upgrade: user qingfeng kept (uid $uid, same groups)" "$OUT/user2.log"
fi
if [ -f "$ROOT/var/lib/qingfeng/keep-me" ] && stat_is /var/lib/qingfeng "qingfeng:qingfeng 750" > "$OUT/state2.log" 2>&1; then
    ok "upgrade: /var/lib/qingfeng and its files kept"
else
    not_ok "upgrade: /var/lib/qingfeng and its files kept" "$OUT/state2.log"
fi
check "upgrade: service still enabled" "$OUT/enabled2.log" enabled_ok
# An admin's disable survives an upgrade (here: the same version reinstalled).
disabled_kept() {
    in_target systemctl disable qingfeng.service || return 1
    in_target $APT install --reinstall "/root/$(basename "$DEB2")" || return 1
    [ ! -L "$ROOT$WANTS" ] || { echo "$WANTS is back"; return 1; }
    [ "$(in_target systemctl is-enabled qingfeng.service)" = disabled ] || return 1
    in_target systemctl enable qingfeng.service
}
check "upgrade: a disabled service stays disabled" "$OUT/disabled.log" disabled_kept

# --- remove keeps config, state and user; purge deletes config and state
check "apt-get remove qingfeng ($where)" "$OUT/remove.log" in_target $APT remove qingfeng
if [ "$where" = booted ]; then
    in_boot systemctl status --no-pager qingfeng.service > "$OUT/remove-status.log" 2>&1
    if [ "$(in_boot systemctl is-active qingfeng.service 2>&1)" != active ] &&
        ! in_boot systemctl show -p MainPID --value qingfeng.service 2>/dev/null | grep -qv '^0$'; then
        ok "remove: prerm stopped the service"
    else
        not_ok "remove: prerm stopped the service" "$OUT/remove-status.log"
    fi
fi
removed_ok() {
    [ ! -e "$ROOT/usr/bin/qingfeng" ] && [ ! -e "$ROOT/usr/share/qingfeng" ] && [ ! -e "$ROOT$UNIT" ] ||
        { echo "program files left after remove"; return 1; }
    grep -qx 'dwell_ms = 12000' "$ROOT/etc/qingfeng/kiosk.conf" || { echo "config not kept"; return 1; }
    [ -f "$ROOT/var/lib/qingfeng/keep-me" ] || { echo "state not kept"; return 1; }
    in_target getent passwd qingfeng > /dev/null || { echo "user gone"; return 1; }
}
check "remove: program gone; config, state and user kept" "$OUT/removed.log" removed_ok
check "apt-get purge qingfeng ($where)" "$OUT/purge.log" in_target $APT purge qingfeng
stop_boot
in_target() { in_root "$@"; }
purged_ok() {
    [ ! -e "$ROOT/etc/qingfeng" ] || { ls -la "$ROOT/etc/qingfeng"; echo "/etc/qingfeng left"; return 1; }
    [ ! -e "$ROOT/var/lib/qingfeng" ] || { echo "/var/lib/qingfeng left"; return 1; }
    [ ! -L "$ROOT$WANTS" ] || { echo "$WANTS left"; return 1; }
    ! in_target dpkg-statoverride --list /etc/qingfeng/kiosk.conf || { echo "statoverride left"; return 1; }
    ! in_target dpkg-query -W qingfeng 2> /dev/null || { echo "dpkg still knows qingfeng"; return 1; }
    in_target getent passwd qingfeng > /dev/null || { echo "user qingfeng removed (it should stay)"; return 1; }
}
check "purge: config, state, enable link and statoverride gone; user qingfeng stays" "$OUT/purged.log" purged_ok

echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
