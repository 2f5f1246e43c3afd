#!/bin/sh
# Put an unpacked SecDesk tarball on the menu and the PATH (or take it off again).
#   sudo /opt/secdesk/install.sh            for everyone: /usr/local/bin, /usr/local/share
#   ./install.sh                            for you only: ~/.local/bin, ~/.local/share
#   sudo PREFIX=/usr ./install.sh           elsewhere: $PREFIX/bin, $PREFIX/share
#   [sudo] /opt/secdesk/install.sh --uninstall   removes the link and menu entry;
#                                           your database and backups are never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${PREFIX:-}" ]; then
  bin="$PREFIX/bin"
  share="$PREFIX/share"
elif [ "$(id -u)" -eq 0 ]; then
  bin=/usr/local/bin
  share=/usr/local/share
else
  bin="$HOME/.local/bin"
  share="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
desktop="$share/applications/secdesk.desktop"
icon="$share/icons/hicolor/256x256/apps/secdesk.png"
mime="$share/mime/packages/secdesk-meeting-package.xml"

refresh() {
  # Optional tools: menus and file managers pick the changes up without them, only later.
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$share/mime" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$bin/secdesk" "$desktop" "$icon" "$mime"
  refresh
  echo "SecDesk is off the menu and the PATH. To remove the program: rm -rf '$here'"
  echo "Your data (the database and its backups) is where it was; see docs/install.md."
  exit 0
fi

mkdir -p "$bin" "$(dirname "$desktop")" "$(dirname "$icon")" "$(dirname "$mime")"
ln -sf "$here/secdesk" "$bin/secdesk"
sed "s|^Exec=secdesk |Exec=\"$here/secdesk\" |" "$here/secdesk.desktop" > "$desktop"
cp "$here/secdesk.png" "$icon"
cp "$here/secdesk-meeting-package.xml" "$mime"
refresh
echo "SecDesk $("$here/secdesk" --version | cut -d' ' -f2) installed: menu entry, '$bin/secdesk', .sdmp files."
