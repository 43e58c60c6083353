"""README screenshots of every main screen, taken from the demo data on a virtual screen.

    python tools/screenshots.py [--out docs/screenshots] [--app "trackrecord"] [--size WxH]

Starts Xvfb, opens ``APP --demo`` (a throwaway copy of the sample track record: nothing of
yours is read or written), walks the navigation rail with the keyboard through xdotool, and
saves one PNG per section, plus one of a rejection being logged with its evidence and
reframe and one of a review deck open on its system-design card; then, in the dark colour
scheme, the track record and a rejection being logged. Needs Debian's xvfb, xdotool and
imagemagick; ``make screenshots`` runs it with the app from .venv, and
``--app dist/trackrecord/trackrecord`` photographs the bundle instead.

The sections are found on screen, not assumed: the selected row of the rail is the one
block of highlight colour in it, so a taller menu bar or a new toolbar moves nothing here.
When the rail gains or loses a section, update SECTIONS (names of the files, in rail order).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# One file name per rail row, top to bottom.
SECTIONS = ("track-record", "rejections", "review", "insights", "export")
RAIL_WIDTH = 150  # MainWindow's navigation rail is fixed at this width
INTERVIEW = {"company": "Northwind", "role": "Staff Backend Engineer"}
# From the role field: Tab to "I know the date", then the stages in the grid's order
# (recruiter call, phone screen, take-home, coding, system design, behavioural...).
TABS_TO_CODING = 5
DESIGN_CARD = 3  # Right presses from the first card: intro, numbers, coding, system design
REJECTION = {  # typed into a new rejection to show evidence and a reframe appear
    "company": "Northwind Logistics",
    "role": "Senior backend engineer",
    "stage": "System",  # System design
    "feedback": "Strong coding round, but in system design we did not see enough depth "
    "on scaling and trade-offs, and you jumped in without clarifying questions.",
}
# The README shows three of them from docs/ itself (and so does any old link to them).
README_COPIES = {"track-record.png": "screenshot-main.png",
                 "rejection-reframe.png": "screenshot-rejection.png",
                 "review-deck.png": "screenshot-review.png"}
TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "import": "imagemagick"}
SETTLE_S = 1.5  # after each step, for Qt to lay out and paint


class ScreenshotError(RuntimeError):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--app", default=_default_app(),
                        help="the trackrecord command to run (default: %(default)s)")
    parser.add_argument("--size", default="1440x900", help="virtual screen size")
    args = parser.parse_args(argv)
    missing = sorted({pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None})
    if missing:
        print(f"screenshots: needs {', '.join(missing)}: sudo apt-get install "
              f"{' '.join(missing)}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with _virtual_screen(args.size) as display:
            with _app(args.app, display) as shooter:
                for path in shooter.take_all(args.out):
                    print(path)
            with _app(args.app, display, scheme="dark") as shooter:
                for path in shooter.take_dark(args.out):
                    print(path)
        for name, copy in README_COPIES.items():
            shutil.copyfile(args.out / name, args.out.parent / copy)
            print(args.out.parent / copy)
    except ScreenshotError as exc:
        print(f"screenshots: {exc}", file=sys.stderr)
        return 1
    return 0


def _default_app() -> str:
    venv_app = REPO / ".venv" / "bin" / "trackrecord"
    return str(venv_app) if venv_app.exists() else "trackrecord"


@contextmanager
def _virtual_screen(size: str) -> Iterator[str]:
    number = 90
    while Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10, "Xvfb did not start")
        yield display
    finally:
        server.terminate()
        server.wait(10)


class Shooter:
    def __init__(self, display: str, window: str) -> None:
        self.env = {**os.environ, "DISPLAY": display}
        self.window = window

    def take_all(self, out: Path) -> Iterator[Path]:
        self.xdotool("windowfocus", "--sync", self.window)
        row = self.selected_row()
        self.xdotool("mousemove", "--window", self.window, str(RAIL_WIDTH // 2), str(row),
                     "click", "1")
        time.sleep(SETTLE_S)
        rows = [row]
        for index, name in enumerate(SECTIONS):
            if index:
                self.xdotool("key", "Down")
                time.sleep(SETTLE_S)
                rows.append(self.selected_row())
                if rows[-1] <= rows[-2]:
                    raise ScreenshotError(f"the rail has {index} sections, SECTIONS names "
                                          f"{len(SECTIONS)}: update SECTIONS")
            yield self.save(out / f"{name}.png")
        self.xdotool("key", "Down")
        time.sleep(SETTLE_S)
        if self.selected_row() != rows[-1]:
            raise ScreenshotError(f"the rail has more than {len(SECTIONS)} sections: "
                                  "add the new ones to SECTIONS")
        yield self.log_rejection(out / "rejection-reframe.png")
        yield self.review_deck(out / "review-deck.png")

    def take_dark(self, out: Path) -> Iterator[Path]:
        self.xdotool("windowfocus", "--sync", self.window)
        time.sleep(SETTLE_S)
        yield self.save(out / "track-record-dark.png")
        yield self.log_rejection(out / "rejection-dark.png")

    def review_deck(self, path: Path) -> Path:
        """Ctrl+3 puts the keyboard in the interview's company field: fill it in, tick three
        stages, open the deck from the role field (Return), and go to the design card."""
        self.xdotool("key", "ctrl+3")
        time.sleep(SETTLE_S)
        self.type(INTERVIEW["company"])
        self.xdotool("key", "Tab")
        self.type(INTERVIEW["role"])
        self.xdotool("key", *["Tab"] * TABS_TO_CODING)
        self.xdotool("key", "space", "Tab", "space", "Tab", "space")  # coding, design, behav.
        self.xdotool("key", *["shift+Tab"] * (TABS_TO_CODING + 2))  # back to the role
        self.xdotool("key", "Return")
        time.sleep(SETTLE_S * 2)
        self.xdotool("key", *["Right"] * DESIGN_CARD)
        time.sleep(SETTLE_S)
        return self.save(path)

    def log_rejection(self, path: Path) -> Path:
        self.xdotool("key", "ctrl+shift+r")
        time.sleep(SETTLE_S)
        self.type(REJECTION["company"])
        self.xdotool("key", "Tab")
        self.type(REJECTION["role"])
        # role → stage (typing picks it by its label) → level → date → feedback
        self.xdotool("key", "Tab")
        self.type(REJECTION["stage"])
        self.xdotool("key", *["Tab"] * 3)
        self.type(REJECTION["feedback"])
        time.sleep(SETTLE_S * 2)  # evidence and reframe follow the typing after a pause
        return self.save(path)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "15", text)

    def save(self, path: Path) -> Path:
        self.run("import", "-window", self.window, f"png:{path}")
        return path

    def selected_row(self) -> int:
        """The y of the middle of the rail's selected row, found by its highlight colour."""
        ppm = self.run("import", "-window", self.window, "-depth", "8", "ppm:-")
        width, height, pixels = _parse_ppm(ppm)
        runs: list[tuple[int, int]] = []
        for y in range(height):
            line = pixels[y * width * 3:(y * width + RAIL_WIDTH) * 3]
            coloured = sum(
                1 for x in range(0, len(line), 3)
                if max(line[x:x + 3]) - min(line[x:x + 3]) >= 60
            )
            if coloured >= RAIL_WIDTH // 2:
                if runs and runs[-1][1] == y - 1:
                    runs[-1] = (runs[-1][0], y)
                else:
                    runs.append((y, y))
        blocks = [(top, bottom) for top, bottom in runs if bottom - top >= 15]
        if not blocks:
            raise ScreenshotError("no selected section found in the navigation rail")
        top, bottom = blocks[0]
        return (top + bottom) // 2

    def xdotool(self, *args: str) -> None:
        self.run("xdotool", *args)

    def run(self, *argv: str) -> bytes:
        done = subprocess.run(argv, env=self.env, capture_output=True, timeout=60)
        if done.returncode:
            raise ScreenshotError(f"{shlex.join(argv)}: {done.stderr.decode().strip()}")
        return done.stdout


@contextmanager
def _app(command: str, display: str, scheme: str = "light") -> Iterator[Shooter]:
    with tempfile.TemporaryDirectory(prefix="trackrecord-shots-") as home:
        env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
        # Nothing of the user's: data, settings and caches all live in a throwaway folder.
        env.update(DISPLAY=display, HOME=home, TRACKRECORD_DATA_DIR=f"{home}/data",
                   TRACKRECORD_COLOR_SCHEME=scheme,
                   XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/share",
                   XDG_CACHE_HOME=f"{home}/cache", XDG_STATE_HOME=f"{home}/state",
                   XDG_RUNTIME_DIR=home)
        app = subprocess.Popen([*shlex.split(command), "--demo"], env=env)
        try:
            window = _find_window(display, app)
            time.sleep(SETTLE_S * 2)
            yield Shooter(display, window)
        finally:
            app.terminate()
            try:
                app.wait(15)
            except subprocess.TimeoutExpired:
                app.kill()


def _find_window(display: str, app: subprocess.Popen[bytes]) -> str:
    found: list[str] = []

    def look() -> bool:
        if app.poll() is not None:
            raise ScreenshotError(f"the app exited with status {app.returncode}")
        done = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "^Track Record"],
            env={**os.environ, "DISPLAY": display}, capture_output=True, text=True,
        )
        found.extend(done.stdout.split())
        return bool(found)

    _wait_for(look, 60, "the app's window never appeared")
    return found[0]


def _wait_for(condition: object, seconds: float, message: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise ScreenshotError(message)
        time.sleep(0.2)


def _parse_ppm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary (P6, 8-bit) PPM."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ScreenshotError("unexpected picture format from ImageMagick's import")
    width, height = int(fields[1]), int(fields[2])
    start = pos + 1
    return width, height, data[start:start + width * height * 3]


if __name__ == "__main__":
    raise SystemExit(main())
