"""Property-based fuzzing of every API route from the OpenAPI document (schemathesis).

Each operation gets FUZZ_CASES valid-shaped and FUZZ_CASES invalid-shaped requests,
authenticated as admin; no answer may be a 500 and every error must be in the CONTRACT's
JSON error shape. Runs on SQLite and PostgreSQL like every `app` test. The figures (cases,
operations, failures) are printed: `pytest tests/hardening/test_fuzz.py -s`.
"""

from __future__ import annotations

import contextlib
import os

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

FUZZ_CASES = int(os.environ.get("FUZZ_CASES", "5"))
# Logging out would revoke the admin token the other cases use (tested in test_auth).
SKIP = {("POST", "/api/v1/auth/logout")}


def error_shape_problem(response) -> str | None:
    if response.status_code < 400:
        return None
    if response.status_code >= 500 and response.status_code != 503:
        return f"server error {response.status_code}"
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return f"{response.status_code} without the JSON error shape: {response.text[:200]!r}"
    if not (
        isinstance(error.get("code"), str)
        and isinstance(error.get("message"), str)
        and error["message"]
        and isinstance(error.get("fields"), dict)
    ):
        return f"{response.status_code} with a malformed error: {error!r}"
    return None


def fuzz(operation, mode: GenerationMode, headers: dict, failures: list, path: dict) -> int:
    cases = 0

    @settings(
        max_examples=FUZZ_CASES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path or None))
    def run(case) -> None:
        nonlocal cases
        cases += 1
        try:  # TESTING propagates what would be a 500: count it as one
            problem = error_shape_problem(case.call(headers=headers))
        except Exception as error:
            problem = f"server error {type(error).__name__}: {str(error)[:160]}"
        if problem:
            failures.append(f"{operation.label} [{mode.value}] {problem}")

    with contextlib.suppress(Unsatisfiable):  # nothing to make invalid (no parameters)
        run()
    return cases


def real_records(client, world) -> dict:
    """Records for the path parameters, so that cases reach past the 404 of a random id:
    an open meeting of body A with an adopted vote item, its resolution and an election."""
    admin = world.auth("admin")
    meeting = client.post(
        "/api/v1/meetings",
        headers=admin,
        json={"body_id": world.bodies["A"], "title": "Fuzz", "starts_at": "2099-01-05T08:00"},
    ).get_json()
    item = client.post(
        f"/api/v1/meetings/{meeting['id']}/agenda",
        headers=admin,
        json={"title": "Biểu quyết", "kind": "vote", "majority": "more_than_half"},
    ).get_json()
    election_item = client.post(
        f"/api/v1/meetings/{meeting['id']}/agenda",
        headers=admin,
        json={"title": "Bầu cử", "kind": "election"},
    ).get_json()
    client.put(
        f"/api/v1/meetings/{meeting['id']}/attendance",
        headers=admin,
        json={"records": [{"member_id": world.members["A"], "status": "present"}]},
    )
    client.post(f"/api/v1/meetings/{meeting['id']}/open", headers=admin)
    client.post(
        f"/api/v1/agenda/{item['id']}/votes",
        headers=admin,
        json={"method": "show_of_hands", "yes": 1, "no": 0, "abstain": 0},
    )
    document = client.post(f"/api/v1/agenda/{item['id']}/resolution", headers=admin).get_json()
    election = client.post(
        f"/api/v1/agenda/{election_item['id']}/election",
        headers=admin,
        json={"seats": 1, "candidates": ["Nguyễn Văn A"], "counting_board": []},
    ).get_json()
    return new_domain_records(client, admin, world, meeting["id"]) | {
        "code": "A",
        "body_id": world.bodies["A"],
        "member_id": world.members["A"],
        "meeting_id": meeting["id"],
        "item_id": item["id"],
        "document_id": document.get("id", 1),
        "election_id": election.get("id", 1),
    }


def new_domain_records(client, admin: dict, world, meeting_id: int) -> dict:
    """A congress with its plan and a delegate, a draft with a comment, a finding, a device
    poll and a speaker: the path parameters of the domains merged after the first fuzz."""
    body_id = world.bodies["A"]
    congress = client.post(
        "/api/v1/congresses",
        headers=admin,
        json={"unit_code": "A", "term": "2025–2030", "opens_on": "2027-01-04"},
    ).get_json()
    plan = client.get(f"/api/v1/congresses/{congress['id']}/milestones", headers=admin)
    delegate = client.post(
        f"/api/v1/congresses/{congress['id']}/delegates",
        headers=admin,
        json={"full_name": "Lê Thị Hoa", "category": "designated", "gender": "female"},
    ).get_json()
    draft = client.post(
        f"/api/v1/bodies/{body_id}/drafts",
        headers=admin,
        json={"type_code": "QC", "title": "Quy chế", "text": "Điều 1. Phạm vi"},
    ).get_json()
    review = {"until": "2099-12-31T17:00"}
    client.post(f"/api/v1/drafts/{draft['id']}/review", headers=admin, json=review)
    comment = client.post(
        f"/api/v1/drafts/{draft['id']}/comments", headers=admin, json={"version": 1, "text": "Ý"}
    ).get_json()
    finding = client.post(
        "/api/v1/oversight/units/A/findings", headers=admin, json={"text": "Chưa họp đủ kỳ"}
    ).get_json()
    item = client.post(
        f"/api/v1/meetings/{meeting_id}/agenda",
        headers=admin,
        json={"title": "Biểu quyết trên thiết bị", "kind": "vote", "majority": "more_than_half"},
    ).get_json()
    poll = client.post(f"/api/v1/agenda/{item['id']}/poll", headers=admin, json={"secret": False})
    speaker = client.post(
        f"/api/v1/agenda/{item['id']}/speakers",
        headers=admin,
        json={"member_id": world.members["A"]},
    )
    found = {
        "congress_id": congress.get("id"),
        "milestone_id": (plan.get_json() or [{}])[0].get("id"),
        "delegate_id": delegate.get("id"),
        "draft_id": draft.get("id"),
        "comment_id": comment.get("id"),
        "finding_id": finding.get("id"),
        "poll_id": poll.get_json().get("id"),
        "speaker_id": speaker.get_json().get("id"),
        "province_code": "P1",
        "unit_code": "A",
    }
    missing = [name for name, value in found.items() if value is None]
    assert not missing, f"fuzz records not made: {missing}"
    return found


METHODS = {"get", "post", "put", "patch", "delete"}


def test_no_route_answers_500_or_breaks_the_error_shape(app, world, client, caplog):
    document = client.get("/api/v1/openapi.json").get_json()
    records = real_records(client, world)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = world.auth("admin")
    failures: list[str] = []
    cases = operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        operations += 1
        names = [p.name for p in operation.path_parameters]
        real = {name: records[name] for name in names if name in records}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            cases += fuzz(operation, mode, headers, failures, {})
            if real:  # the same again on records that exist
                cases += fuzz(operation, mode, headers, failures, real)
    # The database's constraints answering for a missing check: a net, not a fix.
    failures += sorted(
        {
            f"net: {r.getMessage()[:200]}"
            for r in caplog.records
            if r.name == "governance.core.errors"
        }
    )
    routes = sum(1 for item in document["paths"].values() for method in item if method in METHODS)
    print(f"\nfuzz: {operations} operations of {routes}, {cases} cases, {len(failures)} failures")
    assert operations == routes - len(SKIP)
    assert not failures, "\n".join(failures[:20])
