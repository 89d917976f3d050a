"""Atomic writes: the old file or the new one, never half; owner+group permissions; no temp left."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from zhixing_tui.errors import InvalidValue
from zhixing_tui.services.printing.files import atomic_write, atomic_write_bytes


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "sub" / "报告.xlsx"
    assert atomic_write_bytes(target, b"one") == target
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["报告.xlsx"]


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "r.docx"
    target.write_bytes(b"old")

    def boom(fh):
        fh.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, boom)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def test_an_export_is_private_to_owner_and_group_whatever_the_umask(tmp_path):
    old = os.umask(0o022)  # the default umask would make it world-readable (0644)
    try:
        target = atomic_write_bytes(tmp_path / "m.xlsx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_killed_writes_temporary_files_go_at_the_next_write_of_the_kind(tmp_path):
    import os

    from zhixing_tui.services.printing.files import STALE_AFTER_SECONDS

    old = tmp_path / ".超期节点-20261120.xlsx.k3j_9xq2.tmp"  # left by a killed export
    fresh = tmp_path / ".超期节点-20261121.xlsx.ab12cd34.tmp"  # another desk writing now
    other_kind = tmp_path / ".月报.docx.zz99yy88.tmp"
    mine = tmp_path / ".notes.xlsx.tmp"  # not a name atomic_write makes
    for p in (old, fresh, other_kind, mine):
        p.write_bytes(b"half")
    long_ago = old.stat().st_mtime - STALE_AFTER_SECONDS - 60
    for p in (old, other_kind, mine):
        os.utime(p, (long_ago, long_ago))
    atomic_write_bytes(tmp_path / "超期节点-20261122.xlsx", b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["超期节点-20261122.xlsx", fresh.name, other_kind.name, mine.name]
    )


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("dir", "这是一个文件夹"),
        ("/proc/x.xlsx", "所在文件夹不存在或无法创建"),
        ("a" * 300 + ".xlsx", "文件名过长（最多约 239 字节）"),
    ],
)
def test_an_unwritable_path_is_a_chinese_refusal_and_leaves_nothing(tmp_path, where, reason):
    (tmp_path / "dir").mkdir()
    target = tmp_path / where if not where.startswith("/") else Path(where)
    with pytest.raises(InvalidValue) as err:
        atomic_write_bytes(target, b"x")
    assert err.value.message == f"无法写入文件 {target}：{reason}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir"]
