"""The command line: accounts, demo data, backup and restore."""

from __future__ import annotations

import json
import zipfile

from sqlalchemy import func, select

from tests.conftest import web_login


def _run(app, *args, stdin: str | None = None):
    return app.test_cli_runner().invoke(args=list(args), input=stdin)


def test_create_user_reads_the_password_from_stdin(app, world, client):
    result = _run(
        app,
        "create-user",
        "vanthu.moi",
        "--role",
        "clerk",
        "--unit",
        "A",
        stdin="a-long-password\n",
    )
    assert result.exit_code == 0, result.output
    assert web_login(client, "vanthu.moi", "a-long-password").status_code == 302


def test_create_user_refuses_bad_requests(app, world):
    no_unit = _run(app, "create-user", "x1", "--role", "clerk", stdin="a-long-password\n")
    assert no_unit.exit_code != 0 and "unit" in no_unit.output
    bad_unit = _run(
        app, "create-user", "x2", "--role", "chair", "--unit", "NOPE", stdin="a-long-password\n"
    )
    assert bad_unit.exit_code != 0 and "NOPE" in bad_unit.output
    short = _run(app, "create-user", "x3", "--role", "admin", stdin="short\n")
    assert short.exit_code != 0 and "8" in short.output
    taken = _run(app, "create-user", "admin", "--role", "admin", stdin="a-long-password\n")
    assert taken.exit_code != 0
    bad_role = _run(app, "create-user", "x4", "--role", "king", stdin="a-long-password\n")
    assert bad_role.exit_code != 0


def test_seed_demo_builds_the_province_once(app):
    from governance.core.models import User
    from governance.extensions import db
    from governance.org.models import Member, Unit

    first = _run(app, "seed-demo")
    assert first.exit_code == 0 and "vanthu.dongdang" in first.output
    second = _run(app, "seed-demo")
    assert "already" in second.output
    with app.app_context():
        names = db.session.scalars(select(Unit.name)).all()
        assert "Tỉnh Lạng Sơn" in names and "Xã Đồng Đăng" in names and len(names) >= 7
        roles = set(db.session.scalars(select(User.role)))
        assert roles == {"admin", "inspector", "clerk", "chair", "secretary", "member"}
        assert db.session.scalar(select(func.count(Member.id))) > 500


def _table_dump(path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return {n: json.loads(zf.read(n)) for n in zf.namelist() if n.startswith("tables/")}


def test_backup_and_restore_round_trip_loses_nothing(app, tmp_path):
    from governance.core.audit import verify_chain
    from governance.extensions import db
    from governance.org.models import Member

    _run(app, "seed-demo")
    first = tmp_path / "first.zip"
    assert _run(app, "backup", str(first)).exit_code == 0
    with app.app_context():  # damage the data after the backup
        db.session.execute(Member.__table__.update().values(full_name="X"))
        db.session.commit()
    restored = _run(app, "restore", str(first), "--yes")
    assert restored.exit_code == 0, restored.output
    second = tmp_path / "second.zip"
    _run(app, "backup", str(second))
    assert _table_dump(first) == _table_dump(second)
    assert len(_table_dump(first)["tables/members.json"]) > 500
    with app.app_context():
        assert verify_chain().ok
    # New rows after a restore get fresh ids (sequences were moved past the restored rows).
    assert (
        _run(
            app, "create-user", "after.restore", "--role", "admin", stdin="a-long-password\n"
        ).exit_code
        == 0
    )


def test_restore_refuses_a_file_that_is_not_a_backup(app, tmp_path):
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"not a zip")
    result = _run(app, "restore", str(bogus), "--yes")
    assert result.exit_code != 0 and "not a backup" in result.output


def test_init_db_is_idempotent(app):
    assert _run(app, "init-db").exit_code == 0
    assert "up to date" in _run(app, "init-db").output


def test_scheduler_once_runs_the_audit_check(app, world, client):
    client.post(
        f"/api/v1/bodies/{world.bodies['A']}/members",
        headers=world.auth("clerk_a"),
        json={"full_name": "Người Mới", "gender": "male"},
    )
    result = _run(app, "scheduler", "--once")
    assert result.exit_code == 0
    assert "verify-audit-chain: audit chain intact: 1 entries" in result.output
