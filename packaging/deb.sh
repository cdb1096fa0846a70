#!/bin/sh
# Builds the Debian package: BUILD/qingfeng_<version>_<arch>.deb (make deb).
# The files are those of `make install PREFIX=/usr`; the maintainer scripts
# in packaging/debian/ create the user and state folder and enable the
# service; /etc/qingfeng/kiosk.conf is a conffile, so dpkg keeps an edited
# config on upgrade. Depends: the libraries the binaries link (dpkg-shlibdeps)
# and the fonts the default config names.
# Usage: packaging/deb.sh BUILD_DIR VERSION
set -eu
BUILD=${1:?usage: packaging/deb.sh BUILD_DIR VERSION}
VERSION=${2:?usage: packaging/deb.sh BUILD_DIR VERSION}
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/.." && pwd)
MAINTAINER=${DEB_MAINTAINER:-Qingfeng maintainers <qingfeng@localhost>}

fail() { echo "make deb: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps dpkg-architecture; do
    command -v "$tool" > /dev/null 2>&1 || fail "$tool not found; install the Debian package dpkg-dev (apt-get install dpkg-dev)"
done
echo "$VERSION" | grep -Eq '^[0-9][A-Za-z0-9.+~-]*$' || fail "version \"$VERSION\" is not a Debian version (digits first, then letters, digits, . + ~ -)"

ARCH=$(dpkg-architecture -qDEB_HOST_ARCH)
# The layout dpkg-shlibdeps expects: debian/control beside the package's
# root debian/qingfeng.
WORK=$BUILD/deb
rm -rf "$WORK"
mkdir -p "$WORK/debian/qingfeng"
WORK=$(cd "$WORK" && pwd)
ROOT=$WORK/debian/qingfeng

${MAKE:-make} -s -C "$SRC" install BUILD="$BUILD" DESTDIR="$ROOT" PREFIX=/usr SYSCONFDIR=/etc > "$WORK/install.log" 2>&1 ||
    { cat "$WORK/install.log" >&2; fail "make install into $ROOT failed"; }
# Debug symbols stay in the build tree; the package carries stripped binaries.
strip --strip-unneeded "$ROOT/usr/bin/qingfeng" "$ROOT/usr/bin/qingfeng-feed"
install -d "$ROOT/usr/share/doc/qingfeng"
install -m 0644 "$SRC/README.md" "$SRC/docs/install.md" "$ROOT/usr/share/doc/qingfeng/"
# A native package's changelog: one entry naming the version.
cat > "$WORK/changelog" <<END
qingfeng ($VERSION) bookworm; urgency=medium

  * Qingfeng $VERSION.

 -- $MAINTAINER  $(date -R)
END
gzip -9n < "$WORK/changelog" > "$ROOT/usr/share/doc/qingfeng/changelog.gz"

# A minimal debian/control is all dpkg-shlibdeps needs of a source tree;
# DEBIAN/ marks the package root it looks for.
mkdir -p "$ROOT/DEBIAN"
printf 'Source: qingfeng\n\nPackage: qingfeng\nArchitecture: any\n' > "$WORK/debian/control"
shlibs=$(cd "$WORK" && dpkg-shlibdeps -O -edebian/qingfeng/usr/bin/qingfeng -edebian/qingfeng/usr/bin/qingfeng-feed 2> "$WORK/shlibdeps.log") ||
    { cat "$WORK/shlibdeps.log" >&2; fail "dpkg-shlibdeps could not work out the library packages"; }
libs=$(echo "$shlibs" | sed -n 's/^shlibs:Depends=//p')
[ -n "$libs" ] || fail "dpkg-shlibdeps printed no dependencies: $shlibs"

# adduser: postinst creates the user; the fonts are the defaults of [fonts];
# libcurl4: loaded at run time (dlopen) by the screens that sync or report,
# so dpkg-shlibdeps cannot see it (7.62: the URL API).
depends="$libs, libcurl4 (>= 7.62.0), adduser, fonts-noto-cjk, fonts-arphic-ukai"
size=$(du -sk "$ROOT" | cut -f1)

cat > "$ROOT/DEBIAN/control" <<END
Package: qingfeng
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $size
Depends: $depends
Recommends: systemd
Section: misc
Priority: optional
Description: clean-culture exhibition touch-screen kiosk
 A touch-screen kiosk for clean-culture exhibition screens: maxims,
 warning-education cases and local role models in an attract loop, touch
 navigation and a knowledge quiz. Runs as the system service qingfeng.service
 (KMS/DRM, no desktop needed); settings in /etc/qingfeng/kiosk.conf, quiz
 results in /var/lib/qingfeng.
END
echo /etc/qingfeng/kiosk.conf > "$ROOT/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    install -m 0755 "$HERE/debian/$script" "$ROOT/DEBIAN/$script"
done

DEB=$BUILD/qingfeng_${VERSION}_$ARCH.deb
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" > "$WORK/dpkg-deb.log" 2>&1 ||
    { cat "$WORK/dpkg-deb.log" >&2; fail "dpkg-deb --build failed"; }
echo "$DEB"
