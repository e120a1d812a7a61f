"""The command line: accounts, demo data, backup and restore."""

from __future__ import annotations

import hashlib
import json
import re
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
        return {
            n: [json.loads(line) for line in zf.read(n).decode().splitlines()]
            for n in zf.namelist()
            if n.startswith("tables/")
        }


def test_backup_and_restore_round_trip_loses_nothing(app, tmp_path):
    from governance.core.audit import verify_chain
    from governance.extensions import db
    from governance.org.models import Member

    _run(app, "seed-demo")
    first = tmp_path / "first.zip"
    assert _run(app, "backup", str(first)).exit_code == 0
    assert first.stat().st_mode & 0o777 == 0o600  # every record is in it: the owner's only
    with zipfile.ZipFile(first) as zf:  # JSON Lines: one row a line, streamed
        assert "tables/members.jsonl" in zf.namelist()
    with app.app_context():  # damage the data after the backup
        db.session.execute(Member.__table__.update().values(full_name="X"))
        db.session.commit()
    restored = _run(app, "restore", str(first), "--yes")
    assert restored.exit_code == 0, restored.output
    second = tmp_path / "second.zip"
    _run(app, "backup", str(second))
    assert _table_dump(first) == _table_dump(second)
    assert len(_table_dump(first)["tables/members.jsonl"]) > 500
    with app.app_context():
        assert verify_chain().ok
    # New rows after a restore get fresh ids (sequences were moved past the restored rows).
    assert (
        _run(
            app, "create-user", "after.restore", "--role", "admin", stdin="a-long-password\n"
        ).exit_code
        == 0
    )


def _paper(client, world) -> tuple[str, bytes]:
    from tests.api.test_meetings import plan
    from tests.api.test_meetings_web import PDF, upload

    item = plan(client, world)["agenda"][2]["id"]
    web_login(client, "clerk_a")
    page = upload(client, item, PDF, "to-trinh.pdf").get_data(as_text=True)
    return re.search(r'href="(/meetings/papers/\d+)"', page).group(1), PDF


def _wipe(app) -> None:
    """What a new instance has: no stored files, and other data in the database."""
    from governance.core.storage import storage_dir
    from governance.extensions import db
    from governance.meetings.models import Attachment

    with app.app_context():
        for stored in storage_dir().iterdir():
            stored.unlink()
        db.session.execute(Attachment.__table__.delete())
        db.session.commit()


def test_a_backup_carries_the_papers_and_a_restore_brings_them_back(app, world, client, tmp_path):
    _wipe(app)  # no files left by other tests: the storage holds this test's paper only
    link, data = _paper(client, world)
    path = tmp_path / "with-papers.zip"
    assert _run(app, "backup", str(path)).exit_code == 0
    with zipfile.ZipFile(path) as zf:
        files = json.loads(zf.read("manifest.json"))["files"]
        assert [f["sha256"] for f in files] == [hashlib.sha256(data).hexdigest()]
    _wipe(app)
    assert client.get(link).status_code == 404
    result = _run(app, "restore", str(path), "--yes")
    assert result.exit_code == 0 and "1 stored files" in result.output, result.output
    answer = client.get(link)
    assert answer.status_code == 200 and answer.data == data


def test_a_restore_refuses_a_paper_that_does_not_match_its_hash(app, world, client, tmp_path):
    link, _data = _paper(client, world)
    path, forged = tmp_path / "good.zip", tmp_path / "forged.zip"
    _run(app, "backup", str(path))
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(forged, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, b"%PDF-1.4 forged" if name.startswith("files/") else content)
    _wipe(app)
    result = _run(app, "restore", str(forged), "--yes")
    assert result.exit_code != 0 and "SHA-256" in result.output
    assert client.get(link).status_code == 404  # nothing was replaced


def test_restore_refuses_a_file_that_is_not_a_backup(app, tmp_path):
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"not a zip")
    result = _run(app, "restore", str(bogus), "--yes")
    assert result.exit_code != 0 and "not a backup" in result.output


def test_restore_into_a_damaged_database_says_so(app, tmp_path):
    """No traceback: a message that names the problem and what to do."""
    from governance import create_app

    good = tmp_path / "good.zip"
    assert _run(app, "backup", str(good)).exit_code == 0
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4096)
    other = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{broken}", "TESTING": True})
    result = other.test_cli_runner().invoke(args=["restore", str(good), "--yes"])
    assert result.exit_code == 1, result.output
    assert "damaged" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


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
    assert "anchor-audit-chain: audit chain intact: 1 entries (1 checked)" in result.output
    assert "verify-audit-chain: audit chain intact: 1 entries (1 checked)" in result.output


def test_a_backup_does_not_hold_writers_back(app, world):
    """The snapshot is a read transaction: a clerk can save while a backup runs."""
    from governance.core.backup import _snapshot
    from governance.extensions import db
    from governance.org.models import Member

    with app.app_context(), _snapshot() as snapshot:
        before = snapshot.execute(Member.__table__.select()).all()
        db.session.add(Member(body_id=world.bodies["A"], full_name="Người Mới", gender="male"))
        db.session.commit()  # would wait for the backup (then fail) under BEGIN IMMEDIATE
        assert snapshot.execute(Member.__table__.select()).all() == before  # a snapshot
