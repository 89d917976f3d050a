"""``storage.models``: the tables the first screen does not read are defined on first use, and
whatever reads the metadata as a whole sees every table. In a fresh interpreter each (the
package's state is the process's)."""

from __future__ import annotations

from tests.fresh import run_fresh as _run


def test_a_lazy_table_is_defined_when_first_named_and_the_metadata_is_complete():
    got = _run(
        """
        from zhixing_tui.storage import models
        loaded = lambda: sorted(m.rsplit(".", 1)[1] for m in sys.modules
                                if m.startswith("zhixing_tui.storage.models.") and not m.endswith("_base"))
        at_import = loaded()
        from zhixing_tui.storage.models import IntakeRecord
        after_one = loaded()
        tables = sorted(models.metadata.tables)
        print(json.dumps({"at_import": at_import, "after_one": after_one, "name": IntakeRecord.__tablename__,
                          "tables": len(tables), "all": loaded(), "lazy": sorted(set(models.LAZY.values()))}))
        """
    )
    eager = ["board", "case", "deadlines", "org"]
    assert got["at_import"] == eager
    assert got["after_one"] == sorted([*eager, "window"])
    assert got["name"] == "intake_record"
    assert got["all"] == sorted([*eager, *got["lazy"]])
    assert got["tables"] == 30


def test_an_unknown_name_is_an_attribute_error():
    got = _run(
        """
        from zhixing_tui.storage import models
        try:
            models.NoSuchTable
        except AttributeError as exc:
            print(json.dumps({"error": str(exc)}))
        """
    )
    assert "NoSuchTable" in got["error"]


def test_every_name_the_package_lists_is_a_table_or_a_helper():
    from zhixing_tui.storage import models

    for name in models.__all__:
        assert getattr(models, name) is not None
    assert set(models.LAZY) <= set(models.__all__)
