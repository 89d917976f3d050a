"""``profiles.cache``: a validated profile is kept for the next run, keyed by its text and the code
that validates it; anything wrong with the cache only means validating again."""

from __future__ import annotations

import os

import pytest

from zhixing_tui.errors import ProfileError
from zhixing_tui.profiles import DATA_DIR, cache, parse_profile_text
from zhixing_tui.profiles.schema import Profile

TEXT = (DATA_DIR / "ruyang.toml").read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "profiles"


def test_the_second_load_of_the_same_text_is_the_one_validated_first(folder, monkeypatch):
    first = parse_profile_text(TEXT)
    (kept,) = folder.iterdir()
    assert kept.suffix == ".pickle"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct(kept.stat().st_mode & 0o777) == "0o600"

    def refuse(*_a, **_k):
        raise AssertionError("validated again")

    monkeypatch.setattr(Profile, "model_validate", refuse)
    again = parse_profile_text(TEXT)
    assert again == first
    assert again.model_dump() == first.model_dump()  # its schema builds on first use
    assert again.court.name == "汝阳县人民法院"


def test_a_changed_text_is_validated_and_kept_apart(folder):
    parse_profile_text(TEXT)
    changed = TEXT.replace('name = "汝阳县人民法院"', 'name = "汝阳县人民法院（试）"', 1)
    assert parse_profile_text(changed).court.name == "汝阳县人民法院（试）"
    assert len(list(folder.iterdir())) == 2


def test_new_code_validates_again(folder, monkeypatch):
    parse_profile_text(TEXT)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another zhixing")
    assert cache.load(TEXT) is None
    parse_profile_text(TEXT)
    assert len(list(folder.iterdir())) == 2


def test_an_invalid_profile_is_never_kept(folder):
    broken = TEXT.replace("[court]", "[court]\nunknown_key = 1", 1)
    for _ in range(2):
        with pytest.raises(ProfileError, match="unknown_key"):
            parse_profile_text(broken)
    assert not folder.exists() or not list(folder.iterdir())


def test_a_damaged_cache_file_is_validated_again_and_replaced(folder):
    first = parse_profile_text(TEXT)
    (kept,) = folder.iterdir()
    kept.write_bytes(b"\x80\x05not a pickle")
    assert cache.load(TEXT) is None
    assert parse_profile_text(TEXT) == first
    assert cache.load(TEXT) == first


def test_a_pickle_of_something_else_is_not_a_profile(folder):
    import pickle

    parse_profile_text(TEXT)
    (kept,) = folder.iterdir()
    kept.write_bytes(pickle.dumps({"court": "not a profile"}))
    assert cache.load(TEXT) is None


def test_an_empty_setting_keeps_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache.cache_dir() is None
    assert parse_profile_text(TEXT).court.name == "汝阳县人民法院"
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_is_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "zhixing"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "zhixing"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_cache_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv(cache.ENV, str(locked / "cache"))
    assert parse_profile_text(TEXT).court.name == "汝阳县人民法院"
    assert cache.load(TEXT) is None


def test_a_cache_path_that_is_a_file_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder would be")
    monkeypatch.setenv(cache.ENV, str(blocker))
    assert parse_profile_text(TEXT).court.name == "汝阳县人民法院"
    assert cache.load(TEXT) is None
    assert blocker.read_text() == "a file where the folder would be"


def test_the_fingerprint_follows_the_schema_sources():
    assert cache.code_fingerprint() == cache.code_fingerprint()
    assert len(cache.code_fingerprint()) == 64
