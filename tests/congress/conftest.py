"""A congress of commune A, made through the API."""

from __future__ import annotations

import pytest

CELLS_50 = [{"name": f"Chi bộ {i:02d}", "members": 10 + (i * 7) % 40} for i in range(1, 51)]


def new_congress(client, world, **extra) -> dict:
    body = {
        "unit_code": "A",
        "term": "2025–2030",
        "opens_on": "2026-12-28",
        "ex_officio": 15,
        "designated": 2,
        "notice_days": 30,
    } | extra
    answer = client.post("/api/v1/congresses", json=body, headers=world.auth("clerk_a"))
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


@pytest.fixture
def congress(client, world) -> dict:
    return new_congress(client, world)
