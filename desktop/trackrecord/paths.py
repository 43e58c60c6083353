"""Every path Track Record uses comes from here.

The data folder is platformdirs' user data folder unless ``--data-dir`` or the
``TRACKRECORD_DATA_DIR`` environment variable points elsewhere. Tests always redirect it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

ENV_DATA_DIR = "TRACKRECORD_DATA_DIR"
DB_FILENAME = "trackrecord.sqlite3"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class DataDirError(Exception):
    """The data folder cannot be used (not a folder, not readable or writable)."""


def default_data_dir() -> Path:
    import platformdirs  # only when no folder was given: tests and scripts never need it

    return Path(platformdirs.user_data_dir("trackrecord", appauthor=False, roaming=True))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins over the environment, which wins over the platform default.

    An empty ``--data-dir`` is refused rather than read as "not given": falling back to the
    real folder would act on data the person did not name. (An empty environment variable
    is the shell's way of unsetting it, and is taken as unset.)
    """
    if cli_value is not None:
        if not str(cli_value).strip():
            raise DataDirError("--data-dir is empty; give a folder, or leave the option out "
                               "to use the usual one (nothing was changed)")
        return Path(cli_value).expanduser().absolute()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        if not is_text(env):
            raise DataDirError(f"{ENV_DATA_DIR} holds bytes that are not UTF-8 text "
                               f"({undecodable(env)}); nothing was changed")
        return Path(env).expanduser().absolute()
    return default_data_dir()


def is_text(value: str) -> bool:
    """False for a string holding undecodable bytes (surrogates from the file system's or the
    command line's encoding), which SQLite and UTF-8 files cannot take."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def undecodable(value: str) -> str:
    """The bytes of such a string, shown so a person can recognise them."""
    shown = repr(value.encode("utf-8", "surrogateescape"))[2:-1]
    return shown if len(shown) <= 60 else shown[:57] + "..."


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def ui_state(self) -> Path:
        return self.root / "ui-state.ini"

    def ensure(self) -> DataPaths:
        """Create the folder private to this user, or explain why it cannot be used."""
        ensure_private_dir(self.root)
        return self


def ensure_private_dir(path: Path) -> None:
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirError(f"cannot create the data folder {path}: {exc.strerror}") from exc
    if not path.is_dir():
        raise DataDirError(f"the data folder {path} is not a folder")
    if not os.access(path, os.R_OK | os.X_OK):
        raise DataDirError(f"the data folder {path} is not readable by you")
    if not os.access(path, os.W_OK):
        raise DataDirError(
            f"the data folder {path} is read-only; Track Record needs to write there to keep "
            "your changes (nothing was changed)"
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode != PRIVATE_DIR_MODE:
        try:
            path.chmod(PRIVATE_DIR_MODE)
        except OSError as exc:  # e.g. a folder owned by someone else: still usable, say why
            raise DataDirError(
                f"cannot make the data folder {path} private: {exc.strerror}"
            ) from exc


def make_private(path: Path) -> None:
    """Files Track Record creates are readable by their owner only."""
    if path.exists():
        path.chmod(PRIVATE_FILE_MODE)
