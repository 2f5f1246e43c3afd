#!/usr/bin/env bash
# CI: build the Linux bundle with installer/build.py, unpack the tarball users get,
# and smoke-test that built program (not the source tree) in a bare environment:
# --version, demo, check, a PDF and a Word export, the window started offscreen (and
# on Xvfb) and closed by itself, the keyring (GNOME Keyring), and a meeting package
# opened the way a double-click opens it. Steps whose command or tool is missing say
# SKIP and why. Needs: python3 with SecDesk's dependencies, PyInstaller (installed here
# if missing), the Qt libraries of .ci/run; optional: xvfb + xauth, poppler-utils,
# gnome-keyring + dbus-daemon. Exit 0 only if every step that ran passed.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
if [ "${1:-}" != "--no-build" ]; then  # --no-build: smoke-test the tarball already in dist/
  python3 -c "import PyInstaller" 2>/dev/null || python3 -m pip install -q "pyinstaller>=6.10"
  python3 installer/build.py
fi
build_seconds=$((SECONDS - started))

version=$(python3 -c "import sys; sys.path.insert(0, 'installer'); import manifest; print(manifest.version())")
tarball=$(ls "$PWD"/dist/SecDesk-"$version"-linux-*.tar.gz)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
program="$work/secdesk/secdesk"
mkdir "$work/home" "$work/run"
cd "$work/run"  # away from the source tree: nothing there can be imported by accident

fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }
# The window sends unexpected errors to a crash dialog and a log file, not to stderr.
no_crash_logs() {
  local log
  for log in "$work"/home/logs/crash-*.log; do
    [ -e "$log" ] || continue
    cat "$log" >&2
    fail "the window crashed ($1): $log"
  done
}
step() { echo "--- smoke: $*"; }
# The bundle must run with nothing from this machine's Python: a bare environment.
# No keyring service runs in CI, so confidential content is protected by a passphrase.
secdesk() {
  "${runner[@]}" env -i PATH=/usr/bin:/bin HOME="$work/home" SECDESK_HOME="$work/home" LANG=C.UTF-8 \
    SECDESK_PASSPHRASE=smoke-test-passphrase QT_QPA_PLATFORM=offscreen "${extra_env[@]}" \
    "${display[@]}" "$program" "$@"
}
runner=()     # the window steps run under `timeout`: a hang fails instead of blocking CI
extra_env=()
display=()    # or xvfb-run, for a real X server

step "bundle contents"
internal="$work/secdesk/_internal"
# The asset folders sit inside the package, as in an installed wheel (installer/manifest.py).
for needed in db/env.py db/script.py.mako db/versions resources/fonts resources/templates ui; do
  [ -e "$internal/secdesk/_assets/$needed" ] || fail "the bundle has no secdesk/_assets/$needed"
done
for unwanted in pytest _pytest hypothesis numpy PySide6/QtQml.abi3.so PySide6/QtNetwork.abi3.so \
                PySide6/Qt/lib/libQt6Quick.so.6 PySide6/Qt/lib/libQt6Network.so.6 PySide6/Qt/lib/libQt6WebEngineCore.so.6; do
  [ ! -e "$internal/$unwanted" ] || fail "the bundle should not contain $unwanted"
done

step "--version"
shown=$(secdesk --version)
[ "$shown" = "SecDesk $version" ] || fail "--version printed '$shown', expected 'SecDesk $version'"

step "demo into a new database, then check it"
secdesk --db demo.sqlite demo
secdesk --db demo.sqlite check
grep -q "TABASC_46_" <<<"$(secdesk --db demo.sqlite meetings)" || fail "the demo has no TABASC 46"

commands=$(secdesk --help)  # later steps skip, saying so, if their command is not written yet
if grep -qE '^ +minutes( |$)' <<<"$commands"; then
  step "minutes TABASC 46 as PDF (White) and Word (Amber)"
  secdesk --db demo.sqlite minutes TABASC 46 --classification white --format pdf -o out.pdf
  secdesk --db demo.sqlite minutes TABASC 46 --classification amber --format docx -o out.docx
  [ "$(head -c 5 out.pdf)" = "%PDF-" ] || fail "out.pdf is not a PDF"
  python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).getinfo('word/document.xml')" out.docx \
    || fail "out.docx is not a Word document"
  if command -v pdffonts >/dev/null; then
    grep -q "Carlito.* yes " <<<"$(pdffonts out.pdf)" || fail "out.pdf does not embed the bundled Carlito font"
  fi
else
  echo "SKIP: 'secdesk minutes' is not in this build yet (the exports issue adds it); no PDF/Word smoke test"
fi

step "window offscreen, quitting by itself (SECDESK_SMOKE_QUIT_MS)"
runner=(timeout 60)
extra_env=(SECDESK_SMOKE_QUIT_MS=1500)
window_started=$SECONDS
secdesk --db demo.sqlite 2> window.err || { cat window.err >&2; fail "the window did not start and close cleanly"; }
if grep -q "Traceback" window.err; then cat window.err >&2; fail "the window raised an exception"; fi
no_crash_logs offscreen
if grep -q "smoke watchdog" window.err; then
  echo "NOTE: the window ignored SECDESK_SMOKE_QUIT_MS; the entry script's watchdog closed it." \
       "The window should call secdesk.smoke.maybe_schedule_quit(app)."
fi
echo "window ran and closed in $((SECONDS - window_started)) s"

if command -v xvfb-run >/dev/null; then
  step "window on an X server (Xvfb): the bundled xcb platform plugin and its libraries"
  extra_env=(SECDESK_SMOKE_QUIT_MS=1500 QT_QPA_PLATFORM=xcb)
  display=(xvfb-run -a -s "-screen 0 1280x800x24")
  secdesk --db demo.sqlite 2> xcb.err || { cat xcb.err >&2; fail "the window did not run on Xvfb"; }
  if grep -q "Traceback" xcb.err; then cat xcb.err >&2; fail "the window raised an exception on Xvfb"; fi
  no_crash_logs Xvfb
  display=()
else
  echo "SKIP: xvfb-run is not installed; the window was tested offscreen only"
fi

runner=()
extra_env=()
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  step "confidential content keyed in a real keyring (GNOME Keyring over D-Bus), no passphrase"
  # The demo has Amber items: saving them fails unless the bundled keyring backend works.
  mkdir "$work/keyring-home"
  env -i PATH=/usr/bin:/bin HOME="$work/keyring-home" SECDESK_HOME="$work/keyring-home" LANG=C.UTF-8 \
    timeout 60 dbus-run-session -- sh -c \
    'printf smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$0" --db keyring.sqlite demo' \
    "$program" > keyring.out 2> keyring.err || { cat keyring.err >&2; fail "the bundle could not use the keyring"; }
else
  echo "SKIP: no gnome-keyring-daemon/dbus-run-session; the keyring was not tested (a passphrase was used)"
fi

if grep -qE '^ +export-meeting( |$)' <<<"$commands"; then
  step "a meeting package opened like a double-click imports it, then opens the window"
  secdesk --db demo.sqlite export-meeting TABASC 46 -o tabasc46.sdmp
  runner=(timeout 60)
  extra_env=(SECDESK_SMOKE_QUIT_MS=1500)
  secdesk "$PWD/tabasc46.sdmp" 2> open.err || { cat open.err >&2; fail "opening a .sdmp failed"; }
  no_crash_logs "opening a package"
  runner=()
  extra_env=()
  grep -q "TABASC_46_" <<<"$(secdesk meetings)" || fail "opening tabasc46.sdmp did not import the meeting"
else
  echo "SKIP: 'secdesk export-meeting' is not in this build yet; no meeting-package smoke test"
fi

echo "SMOKE PASSED: SecDesk $version, build ${build_seconds} s," \
     "bundle $(du -sh "$work/secdesk" | cut -f1), tarball $(du -h "$tarball" | cut -f1)"
