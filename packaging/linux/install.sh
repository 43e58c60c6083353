#!/bin/sh
# Install Track Record's desktop integration: the .desktop launcher, the AppStream metainfo
# and the hicolor icons. The Flatpak manifest runs this with --prefix /app; on a plain
# system, after installing the `trackrecord` command (pipx, pip, or the bundle below):
#
#   sudo ./install.sh --prefix /usr/local          # for everyone
#   ./install.sh --prefix ~/.local                  # for you alone, no sudo
#   sudo ./install.sh --prefix /usr/local --bundle dist/trackrecord
#                         # also copies the one-folder bundle (`make bundle`) to
#                         # PREFIX/lib/trackrecord and links PREFIX/bin/trackrecord to it
#   sudo ./install.sh --prefix /usr/local --uninstall
#
# --destdir DIR stages everything under DIR (for distribution packages); caches are then
# left to the package manager.
set -eu

APP_ID=io.github.trackrecord.TrackRecord
HERE=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local destdir="" bundle="" uninstall=0

help() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
usage() { help >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --destdir) [ $# -ge 2 ] || usage; destdir=$2; shift 2 ;;
    --destdir=*) destdir=${1#*=}; shift ;;
    --bundle) [ $# -ge 2 ] || usage; bundle=$2; shift 2 ;;
    --bundle=*) bundle=${1#*=}; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) help; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage ;;
  esac
done
case $prefix in /*) ;; *) echo "install.sh: --prefix must be an absolute path" >&2; exit 2 ;; esac

root=$destdir$prefix
share=$root/share
icons=$share/icons/hicolor

# Every file this script owns, as "source|target" (relative to HERE and to PREFIX).
files() {
  echo "$APP_ID.desktop|share/applications/$APP_ID.desktop"
  echo "$APP_ID.metainfo.xml|share/metainfo/$APP_ID.metainfo.xml"
  (cd "$HERE/icons" && find hicolor -type f \( -name '*.png' -o -name '*.svg' \) | sort) |
    while read -r icon; do echo "icons/$icon|share/icons/$icon"; done
}

refresh_caches() {
  # Only for a live install: a staged one (--destdir) or a Flatpak build is handled by the
  # package manager or flatpak-builder. Missing tools are fine: desktops rescan by themselves.
  [ -z "$destdir" ] && [ -z "${FLATPAK_ID:-}" ] || return 0
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$icons" || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" || true
  fi
}

if [ "$uninstall" -eq 1 ]; then
  files | while IFS='|' read -r _src target; do rm -f "$root/$target"; done
  if [ -L "$root/bin/trackrecord" ] &&
     [ "$(readlink "$root/bin/trackrecord")" = "$prefix/lib/trackrecord/trackrecord" ]; then
    rm -f "$root/bin/trackrecord"
    rm -rf "$root/lib/trackrecord"
  fi
  refresh_caches
  echo "Track Record's desktop files removed from $root"
  exit 0
fi

files | while IFS='|' read -r src target; do
  [ -f "$HERE/$src" ] || { echo "install.sh: missing $HERE/$src" >&2; exit 1; }
  install -D -m 0644 "$HERE/$src" "$root/$target"
done

if [ -n "$bundle" ]; then
  [ -x "$bundle/trackrecord" ] || {
    echo "install.sh: $bundle/trackrecord not found: build it with \`make bundle\`" >&2; exit 1; }
  rm -rf "$root/lib/trackrecord"
  mkdir -p "$root/lib" "$root/bin"
  cp -R "$bundle" "$root/lib/trackrecord"
  ln -sf "$prefix/lib/trackrecord/trackrecord" "$root/bin/trackrecord"
fi

refresh_caches
echo "Track Record's desktop files installed under $root"
if [ -z "$destdir" ] && [ -z "${FLATPAK_ID:-}" ] && [ ! -x "$root/bin/trackrecord" ] &&
   ! command -v trackrecord >/dev/null 2>&1; then
  echo "Note: no \`trackrecord\` command on PATH yet: install it with pipx (pipx install .)," \
       "or pass --bundle dist/trackrecord." >&2
fi
