#!/bin/sh
# Installs the Debian packages Qingfeng needs to build, run and test.
# Only missing packages are installed; says what it installs; uses sudo when not root.
# libcurl: the OpenSSL flavour, Debian's default libcurl (the one the curl
# command uses) and the TLS backend curl itself is tested most with;
# ca-certificates: the CAs https:// feeds are verified against (libcurl
# only recommends it, and this script installs no recommends).
# nginx, python3, openssl: the network tests (a real static server, the
# fault-injection server, throwaway TLS certificates); minisign: the tool
# editors sign feeds with, used by the sync tests.
# libsqlite3-dev: the quiz results store; sqlite3: its command line, for
# looking into a screen's results.db.
# libsystemd-dev: sd_notify, readiness and the watchdog of the service;
# systemd: systemd-analyze, which make service-test checks the unit with.
# dpkg-dev: dpkg-shlibdeps for make deb; debootstrap and systemd-container
# (systemd-nspawn): make deb-test's clean Debian 12 root, booted.
# clang, libclang-rt-14-dev: the clang build and the fuzz targets (libFuzzer
# and the sanitizer runtimes; clang only recommends them).
# x11-apps (xwd), cage, xwayland (cage starts it), grim: make display-test
# takes screenshots of the kiosk on X11 and under the cage compositor.
set -e
PKGS="make gcc pkg-config
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev libqrencode-dev
libjansson-dev libsodium-dev libunibreak-dev libcmark-dev libinih-dev libsqlite3-dev sqlite3
libcurl4-openssl-dev ca-certificates
libcmocka-dev libsystemd-dev
fonts-arphic-ukai fonts-noto-cjk
xvfb xdotool valgrind x11-apps cage xwayland grim
nginx python3 openssl minisign systemd
dpkg-dev debootstrap systemd-container
clang libclang-rt-14-dev"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "qingfeng: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends $missing
