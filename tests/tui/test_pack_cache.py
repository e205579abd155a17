"""The packs kept between starts: read back equal to what parsing gives, and parsed again when
anything they are read from changes or the kept file cannot be trusted."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from coach.engine import Coach
from coach.engine.config import EngineConfig
from coach.engine.errors import PackError
from coach.engine.packs import sources
from coach.engine.packs.sources import config_sources, load_packs
from coach.tui import pack_cache
from coach.tui.pack_cache import FILE_NAME, cached_packs
from tests.conftest import CORPUS, REAL, corpus_rows, row_context

PACK = "pack: mine\nrules: []\n"


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """How many times the packs are parsed."""
    calls: list[int] = []
    parse = sources.load_packs

    def counted(found):
        calls.append(1)
        return parse(found)

    monkeypatch.setattr(sources, "load_packs", counted)
    return calls


def test_kept_packs_read_back_equal_and_are_not_parsed_again(tmp_path, parses):
    config = EngineConfig()
    first = cached_packs(config, tmp_path)
    second = cached_packs(config, tmp_path)
    assert len(parses) == 1
    assert second == first == load_packs(config_sources(config))
    assert (tmp_path / FILE_NAME).stat().st_mode & 0o077 == 0


def test_reports_with_kept_packs_are_identical(tmp_path, coach):
    config = coach.config
    cached_packs(config, tmp_path)
    kept = Coach(config, nlp=coach.nlp, packs=cached_packs(config, tmp_path))
    for row in [*corpus_rows(CORPUS), *corpus_rows(REAL)]:
        context = row_context(row)
        assert kept.check(row["message"], context) == coach.check(row["message"], context)


def test_an_edited_pack_file_is_parsed_again(tmp_path, parses):
    pack = tmp_path / "mine.yaml"
    pack.write_text(PACK)
    config = replace(EngineConfig(), packs=(pack,))
    cached_packs(config, tmp_path)
    pack.write_text(PACK.replace("mine", "yours"))
    packs = cached_packs(config, tmp_path)
    assert len(parses) == 2
    assert "yours" in {p.name for p in packs}


def test_a_broken_pack_is_not_kept(tmp_path, parses):
    pack = tmp_path / "broken.yaml"
    pack.write_text("pack: broken\nrules: {nope\n")
    config = replace(EngineConfig(), packs=(pack,))
    with pytest.raises(PackError):
        cached_packs(config, tmp_path)
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize("damage", ["garbage", "writable by others"])
def test_a_kept_file_that_cannot_be_trusted_is_parsed_again(tmp_path, parses, damage):
    config = EngineConfig()
    cached_packs(config, tmp_path)
    kept = tmp_path / FILE_NAME
    if damage == "garbage":
        kept.write_bytes(b"not a pickle")
    else:
        os.chmod(kept, 0o666)
    assert cached_packs(config, tmp_path) == load_packs(config_sources(config))
    assert len(parses) == 2


def test_an_unwritable_folder_still_gives_the_packs(tmp_path, parses, monkeypatch):
    monkeypatch.setattr(pack_cache.os, "replace", _refuse)
    config = EngineConfig()
    assert cached_packs(config, tmp_path) == load_packs(config_sources(config))
    assert not list(tmp_path.iterdir())  # no partial file left behind


def _refuse(*_args) -> None:
    raise OSError("read-only file system")
