"""Build SecDesk for the platform this runs on: `python installer/build.py`.

1. PyInstaller makes the one-folder bundle (installer/secdesk.spec) in dist/secdesk
   (on macOS also dist/SecDesk.app).
2. Then the platform's package:
   - Linux: dist/SecDesk-<version>-linux-<arch>.tar.gz, unpacking to secdesk/ with
     install.sh, the .desktop file, the icon and the .sdmp file type.
   - Windows: dist/SecDesk-<version>-windows-setup.exe with Inno Setup 6 (ISCC),
     the version passed in with /D, so it lives only in secdesk/__init__.py.
   - macOS: dist/SecDesk-<version>-macos.dmg; signed when SECDESK_CODESIGN_IDENTITY
     is set, notarised when SECDESK_NOTARY_PROFILE is set too (docs/install.md).
It prints the build time and the sizes of the bundle and the package.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import manifest  # noqa: E402  (only importable once HERE is on sys.path)

LINUX_EXTRAS = (
    HERE / "linux" / "install.sh",
    HERE / "linux" / "secdesk.desktop",
    HERE / "linux" / "secdesk-meeting-package.xml",
    HERE / "icons" / "secdesk.png",
)


def folder_size(folder: Path) -> int:
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def run_pyinstaller(dist: Path, work: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(HERE / "secdesk.spec"),
    ]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=manifest.ROOT)
    return dist / manifest.BUNDLE_NAME


def package_linux(bundle: Path, dist: Path, version: str) -> Path:
    for extra in LINUX_EXTRAS:
        shutil.copy2(extra, bundle / extra.name)
    archive = dist / f"{manifest.APP_NAME}-{version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name)
    return archive


def find_inno_setup() -> str | None:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.is_file():
            return str(candidate)
    return None


def package_windows(bundle: Path, dist: Path, version: str) -> Path:
    iscc = find_inno_setup()
    if iscc is None:
        raise SystemExit(
            "Inno Setup 6 is not installed: https://jrsoftware.org/isdl.php or "
            "`choco install innosetup`."
        )
    numeric = ".".join(map(str, manifest.numeric_version(version)))
    subprocess.run(
        [
            iscc,
            "/Qp",
            f"/DAppVersion={version}",
            f"/DAppVersionNumeric={numeric}",
            f"/DBundleDir={bundle}",
            f"/DOutputDir={dist}",
            f"/DPackageExtension={manifest.PACKAGE_EXTENSION}",
            str(HERE / "windows" / "secdesk.iss"),
        ],
        check=True,
    )
    return dist / f"{manifest.APP_NAME}-{version}-windows-setup.exe"


def package_macos(dist: Path, version: str) -> Path:
    """The disk image, signed and notarised like the app (which PyInstaller signs, see the spec)."""
    app = dist / f"{manifest.APP_NAME}.app"
    image = dist / f"{manifest.APP_NAME}-{version}-macos.dmg"
    subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            manifest.APP_NAME,
            "-srcfolder",
            str(app),
            "-ov",
            "-format",
            "UDZO",
            str(image),
        ],
        check=True,
    )
    identity = os.environ.get("SECDESK_CODESIGN_IDENTITY")
    profile = os.environ.get("SECDESK_NOTARY_PROFILE")
    if not identity:
        print(
            "note: not signed with a Developer ID; Gatekeeper refuses it on other Macs "
            "(docs/install.md, 'Signing and notarisation')"
        )
        return image
    subprocess.run(["codesign", "--sign", identity, "--timestamp", str(image)], check=True)
    if profile:
        subprocess.run(
            ["xcrun", "notarytool", "submit", str(image), "--keychain-profile", profile, "--wait"],
            check=True,
        )
        subprocess.run(["xcrun", "stapler", "staple", str(image)], check=True)
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dist", type=Path, default=manifest.ROOT / "dist", help="output folder (default: dist/)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=manifest.ROOT / "build" / "pyinstaller",
        help="PyInstaller's work folder",
    )
    parser.add_argument(
        "--bundle-only", action="store_true", help="stop after the one-folder bundle"
    )
    args = parser.parse_args(argv)

    version = manifest.version()
    dist = args.dist.resolve()
    started = time.monotonic()
    bundle = run_pyinstaller(dist, args.work.resolve())
    bundled = time.monotonic()
    package = None
    if not args.bundle_only:
        if sys.platform == "win32":
            package = package_windows(bundle, dist, version)
        elif sys.platform == "darwin":
            package = package_macos(dist, version)
        else:
            package = package_linux(bundle, dist, version)
    finished = time.monotonic()

    print(f"SecDesk {version} for {sys.platform}")
    print(
        f"bundle:  {bundle}  {megabytes(folder_size(bundle))}  (built in {bundled - started:.0f} s)"
    )
    if package is not None:
        print(
            f"package: {package}  {megabytes(package.stat().st_size)}"
            f"  (made in {finished - bundled:.0f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
