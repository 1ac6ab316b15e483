"""A store stamped by the current model files opens without the full schema check."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import inspect, text

from core import schema_stamp
from core.db import init_db, make_engine
from core.tables import TABLES


def test_a_current_store_skips_the_check_and_a_changed_model_file_runs_it_again(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'yuqing.db'}")
    assert not schema_stamp.is_current(engine, TABLES.names())
    init_db(engine)
    assert schema_stamp.is_current(engine, TABLES.names())
    with engine.connect() as conn:
        files = json.loads(conn.execute(text("SELECT files FROM yuqing_schema_stamp")).scalar_one())
    assert any(f.endswith("alerting/models.py") for f in files)
    assert any(f.endswith("core/db.py") for f in files)
    assert not schema_stamp.is_current(engine, [*TABLES.names(), "a-new-domain"])

    # A model file that changes (here: one more file in the stamp, then edited) is noticed.
    extra = tmp_path / "models.py"
    extra.write_text("# v1\n", encoding="utf-8")
    stamp = schema_stamp.digest([*files, str(extra)], TABLES.names())
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE yuqing_schema_stamp SET files = :f, digest = :d"),
            {"f": json.dumps([*files, str(extra)]), "d": stamp},
        )
    assert schema_stamp.is_current(engine, TABLES.names())
    extra.write_text("# v2: a column added\n", encoding="utf-8")
    assert not schema_stamp.is_current(engine, TABLES.names())

    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alerts"))
    init_db(engine)  # the full check runs again: the dropped table is back, stamp renewed
    assert "alerts" in inspect(engine).get_table_names()
    assert schema_stamp.is_current(engine, TABLES.names())
    engine.dispose()


def test_a_store_stamped_by_another_copy_of_the_code_runs_the_check(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'yuqing.db'}")
    init_db(engine)
    with engine.connect() as conn:
        files = json.loads(conn.execute(text("SELECT files FROM yuqing_schema_stamp")).scalar_one())
    # The same files, unchanged, at another path (a data dir made by another checkout).
    elsewhere = tmp_path / "other-checkout"
    copies = []
    for name in files:
        copy = elsewhere / Path(name).relative_to(Path(name).anchor)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(Path(name).read_bytes())
        copies.append(str(copy))
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE yuqing_schema_stamp SET files = :f, digest = :d"),
            {"f": json.dumps(copies), "d": schema_stamp.digest(copies, TABLES.names())},
        )
    assert not schema_stamp.is_current(engine, TABLES.names())
    init_db(engine)
    assert schema_stamp.is_current(engine, TABLES.names())
    engine.dispose()


def test_a_model_module_new_to_a_domain_gets_its_table_in_a_store_stamped_before(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'yuqing.db'}")
    init_db(engine)
    with engine.connect() as conn:
        files = json.loads(conn.execute(text("SELECT files FROM yuqing_schema_stamp")).scalar_one())
    assert any(f.endswith("collectors/domain.py") for f in files)  # the loader that imports it
    # A stamp of the version before collectors.ingest_runs: neither it nor the loader listed.
    older = [f for f in files if not f.endswith(("collectors/ingest_runs.py", "domain.py"))]
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE ingest_runs"))
        conn.execute(
            text("UPDATE yuqing_schema_stamp SET files = :f, digest = :d"),
            {"f": json.dumps(older), "d": schema_stamp.digest(older, TABLES.names())},
        )
    assert not schema_stamp.is_current(engine, TABLES.names())
    init_db(engine)
    assert "ingest_runs" in inspect(engine).get_table_names()
    engine.dispose()
