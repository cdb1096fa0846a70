#!/bin/sh
# Installs the Debian packages Qingfeng needs to build, run and test.
# Only missing packages are installed; says what it installs; uses sudo when not root.
set -e
PKGS="make gcc pkg-config
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libfontconfig-dev libqrencode-dev
libjansson-dev libsodium-dev libunibreak-dev libcmark-dev libinih-dev
libcmocka-dev
fonts-arphic-ukai fonts-noto-cjk
xvfb xdotool valgrind"

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
