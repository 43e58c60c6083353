from __future__ import annotations

from pathlib import Path

import pytest

from trackrecord.paths import ENV_DATA_DIR, DataDirError, DataPaths, resolve_data_dir


def test_command_line_wins_over_environment(tmp_path: Path) -> None:
    assert resolve_data_dir(tmp_path / "cli") == tmp_path / "cli"


def test_environment_wins_over_platform_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"


def test_platform_default_is_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR)
    assert resolve_data_dir(None).name == "trackrecord"


def test_data_folder_is_created_private(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "deep" / "data").ensure()
    assert paths.root.stat().st_mode & 0o777 == 0o700


def test_a_file_where_the_folder_should_be_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    with pytest.raises(DataDirError, match="not a folder|cannot create"):
        DataPaths(tmp_path / "data").ensure()
