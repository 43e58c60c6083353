"""A sealed backup opens with its passphrase only, refuses any changed byte, and an import
that is refused changes nothing."""

from __future__ import annotations

import json

import pytest

from store_helpers import db_state, fill_store
from trackrecord.core.errors import ValidationError
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.export_formats import EXPORT_FORMATS, ExportJob
from trackrecord.core.transfer.imports import commit_import, guess_format, parse_import
from trackrecord.core.transfer.json_export import dump_backup
from trackrecord.core.transfer.sealed import (
    HEADER_BYTES,
    PassphraseNeeded,
    SealError,
    seal,
    unseal,
)
from trackrecord.paths import DataPaths

SECRET = "correct horse battery"


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return seal(b'{"hello": "world"}', SECRET)


def test_the_right_passphrase_opens_it_and_nothing_is_in_the_clear(sealed: bytes) -> None:
    assert unseal(sealed, SECRET) == b'{"hello": "world"}'
    assert b"hello" not in sealed and b"world" not in sealed
    assert seal(b"same", SECRET) != seal(b"same", SECRET)  # a fresh salt and nonce each time


def test_a_wrong_passphrase_is_refused_with_a_sentence(sealed: bytes) -> None:
    with pytest.raises(SealError, match="passphrase is wrong, or the file was changed"):
        unseal(sealed, SECRET + "!")


@pytest.mark.parametrize("where", ["version", "cost", "salt", "nonce", "ciphertext", "tag"])
def test_any_changed_byte_is_refused(sealed: bytes, where: str) -> None:
    offset = {"version": 8, "cost": 9, "salt": 13, "nonce": 30, "ciphertext": HEADER_BYTES + 1,
              "tag": len(sealed) - 1}[where]
    damaged = bytearray(sealed)
    damaged[offset] ^= 0x01
    with pytest.raises(SealError):
        unseal(bytes(damaged), SECRET)


def test_a_file_cut_short_or_not_sealed_says_so(sealed: bytes) -> None:
    with pytest.raises(SealError, match="cut short"):
        unseal(sealed[:20], SECRET)
    with pytest.raises(SealError, match="not a sealed"):
        unseal(b"{}", SECRET)
    with pytest.raises(PassphraseNeeded):
        unseal(sealed, None)


def test_a_short_passphrase_is_refused_before_anything_is_made() -> None:
    with pytest.raises(ValidationError, match="at least 8"):
        seal(b"x", "short")


def test_a_store_sealed_and_imported_into_an_empty_one_is_the_same(
    store: Store, tmp_path
) -> None:
    fill_store(store)
    data = EXPORT_FORMATS["sealed"].produce(ExportJob(store=store, passphrase=SECRET))
    assert guess_format("backup.dat", data) == "sealed"  # by its first bytes, not its name
    with pytest.raises(PassphraseNeeded):
        parse_import(data, "b.sealed")
    other_paths = DataPaths(tmp_path / "other")
    from trackrecord.core.store.db import open_store

    with open_store(other_paths) as other:
        before = db_state(other_paths)
        with pytest.raises(SealError):
            parse_import(data, "b.sealed", passphrase="not the one at all")
        assert db_state(other_paths) == before
        commit_import(other, parse_import(data, "b.sealed", passphrase=SECRET), "replace")
        assert json.loads(dump_backup(other))["entries"] == json.loads(
            dump_backup(store))["entries"]
