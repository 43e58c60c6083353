"""The Linux desktop files, icons, install script and Flatpak manifest under packaging/.

desktop-file-validate and appstreamcli are the freedesktop reference checkers; .ci/run
installs them (desktop-file-utils, appstream), and elsewhere those two tests are skipped.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename

from trackrecord import APP_ID, APP_NAME, __version__

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
HICOLOR = LINUX / "icons" / "hicolor"
INSTALL = LINUX / "install.sh"
FLATPAK = REPO / "packaging" / "flatpak" / f"{APP_ID}.yml"
CONSTRAINTS = REPO / "packaging" / "constraints.txt"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="install.sh is a POSIX script")


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


# -- .desktop ------------------------------------------------------------------------------


def test_desktop_file_names_the_app_by_its_id() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    # The icon, the file name and QGuiApplication.setDesktopFileName(APP_ID) must agree, or
    # Wayland compositors show a generic icon for the running window.
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "trackrecord"
    assert entry["Terminal"] == "false"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt: desktop-file-utils)")
def test_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True)
    # It prints hints and errors alike; a clean file prints nothing.
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


# -- AppStream metainfo --------------------------------------------------------------------


def test_metainfo_agrees_with_the_package() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "trackrecord"
    license_ = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["license"]
    assert root.findtext("project_license") == license_
    releases = [release.get("version") for release in root.iter("release")]
    assert releases and releases[0] == __version__, (
        f"add a <release version=\"{__version__}\"> at the top of <releases> in {METAINFO.name}"
    )


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (apt: appstream)")
def test_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    # Errors and warnings fail validation or a Flathub review; infos are advice. Older
    # appstream releases call <developer> (the current form) an unknown tag: allowed.
    issues = [line for line in done.stdout.splitlines() if re.match(r"[EW]: ", line)]
    assert not issues, done.stdout


# -- icons ---------------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path} is no PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("size", PNG_SIZES)
def test_icon_png_exists_square_at_its_size(size: int) -> None:
    png = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png.is_file(), f"missing {png.relative_to(REPO)}: run packaging/linux/render_icons.py"
    assert _png_size(png) == (size, size)


@pytest.mark.parametrize(
    ("relative", "square"),
    [(f"scalable/apps/{APP_ID}.svg", "128"), (f"symbolic/apps/{APP_ID}-symbolic.svg", "16")],
)
def test_svg_icons_are_square_svg(relative: str, square: str) -> None:
    root = ET.parse(HICOLOR / relative).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == f"0 0 {square} {square}"
    assert not root.findall(".//{http://www.w3.org/2000/svg}text"), "text does not scale down"


def test_no_stray_icons() -> None:
    allowed = {f"{s}x{s}" for s in PNG_SIZES} | {"scalable", "symbolic"}
    assert {p.name for p in HICOLOR.iterdir()} == allowed


# -- install.sh ----------------------------------------------------------------------------

EXPECTED_INSTALL = {
    f"share/applications/{APP_ID}.desktop",
    f"share/metainfo/{APP_ID}.metainfo.xml",
    f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
    f"share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg",
    *(f"share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in PNG_SIZES),
}


def _install(*args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "FLATPAK_ID"}
    return subprocess.run([str(INSTALL), *args], capture_output=True, text=True, env=env,
                          cwd="/")


def _installed(root: Path) -> set[str]:
    # update-desktop-database may add its own cache beside the .desktop file.
    return {
        p.relative_to(root).as_posix() for p in root.rglob("*")
        if p.is_file() and p.name != "mimeinfo.cache"
    }


@posix_only
def test_install_script_lays_out_the_desktop_files(tmp_path: Path) -> None:
    prefix = tmp_path / "usr" / "local"
    done = _install("--prefix", str(prefix))
    assert done.returncode == 0, done.stderr
    assert _installed(prefix) == EXPECTED_INSTALL
    assert (prefix / f"share/applications/{APP_ID}.desktop").read_bytes() == DESKTOP.read_bytes()
    mode = (prefix / f"share/metainfo/{APP_ID}.metainfo.xml").stat().st_mode & 0o777
    assert mode == 0o644

    done = _install("--prefix", str(prefix), "--uninstall")
    assert done.returncode == 0, done.stderr
    assert _installed(prefix) == set()


@posix_only
def test_install_script_stages_under_destdir_with_a_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "trackrecord"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "trackrecord").write_text("#!/bin/sh\necho bundled\n")
    (bundle / "trackrecord").chmod(0o755)
    stage = tmp_path / "stage"

    done = _install("--destdir", str(stage), "--prefix", "/opt/tr", "--bundle", str(bundle))
    assert done.returncode == 0, done.stderr
    root = stage / "opt" / "tr"
    assert _installed(root) >= EXPECTED_INSTALL
    assert (root / "lib/trackrecord/_internal").is_dir()
    # The link points where the files will be once the stage is unpacked, not into it.
    assert os.readlink(root / "bin" / "trackrecord") == "/opt/tr/lib/trackrecord/trackrecord"


@posix_only
@pytest.mark.parametrize("args", [["--prefix", "relative/dir"], ["--bogus"], ["--prefix"]])
def test_install_script_refuses_bad_arguments(args: list[str]) -> None:
    done = _install(*args)
    assert done.returncode == 2
    assert "install.sh" in done.stderr or "Install" in done.stderr


# -- Flatpak -------------------------------------------------------------------------------


def _manifest() -> dict[str, object]:
    yaml = pytest.importorskip("yaml", reason="PyYAML is in the dev extra")
    data = yaml.safe_load(FLATPAK.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_flatpak_manifest_is_coherent() -> None:
    manifest = _manifest()
    assert manifest["app-id"] == APP_ID
    assert manifest["command"] == "trackrecord"
    finish = manifest["finish-args"]
    assert isinstance(finish, list)
    assert not any(arg.startswith(("--share=network", "--filesystem")) for arg in finish), (
        "Track Record makes no network calls and keeps its data in the sandbox"
    )
    [module] = manifest["modules"]  # type: ignore[misc]
    commands = " ".join(module["build-commands"])
    assert "./packaging/linux/install.sh --prefix" in commands
    assert "--no-index" in commands  # the build has no network: every file is listed
    [checkout] = [s for s in module["sources"] if s["type"] == "dir"]
    assert (FLATPAK.parent / checkout["path"]).resolve() == REPO


def test_flatpak_sources_pin_every_dependency_within_pyproject() -> None:
    manifest = _manifest()
    [module] = manifest["modules"]  # type: ignore[misc]
    files = [s for s in module["sources"] if s["type"] == "file"]
    pinned: dict[str, dict[str, str]] = {}  # name -> {arch: version}
    for source in files:
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source["url"]
        name = source["url"].rsplit("/", 1)[1]
        if name.endswith(".whl"):
            project, version, _build, _tags = parse_wheel_filename(name)
        else:
            project, version = parse_sdist_filename(name)
        for arch in source.get("only-arches", ["x86_64", "aarch64"]):
            assert arch in ("x86_64", "aarch64")
            previous = pinned.setdefault(project, {}).setdefault(arch, str(version))
            assert previous == str(version), f"two versions of {project} for {arch}"
    # The runtime's Python is 3.12 or newer; every dependency of the app is there for both
    # architectures, at a version pyproject.toml accepts.
    project_deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for line in project_deps["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate({"python_version": "3.13"}):
            continue
        name = canonicalize_name(requirement.name)
        assert set(pinned.get(name, {})) == {"x86_64", "aarch64"}, f"{name} is not pinned"
        for version in pinned[name].values():
            assert requirement.specifier.contains(version), f"{name} {version}: {requirement}"
    for build_tool in ("setuptools", "packaging"):
        assert build_tool in pinned, f"{build_tool} is needed to build the app offline"


def test_flatpak_files_are_the_constraints_versions() -> None:
    """The Flatpak cannot read packaging/constraints.txt; ``make lock`` writes its pins from
    it, and they must not drift apart (the newest Python's line where they differ)."""
    manifest = _manifest()
    [module] = manifest["modules"]  # type: ignore[misc]
    locked: dict[str, str] = {}
    for line in CONSTRAINTS.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate(
                    {"python_version": "3.13"}):
                [spec] = requirement.specifier
                locked[canonicalize_name(requirement.name)] = spec.version
    for source in (s for s in module["sources"] if s["type"] == "file"):
        name = source["url"].rsplit("/", 1)[1]
        if name.endswith(".whl"):
            project, version, _build, _tags = parse_wheel_filename(name)
        else:
            project, version = parse_sdist_filename(name)
        assert locked.get(project) == str(version), (
            f"{project} {version} in the Flatpak manifest, {locked.get(project)} in "
            "packaging/constraints.txt: run make lock")
