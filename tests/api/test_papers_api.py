"""Papers on an agenda item through the API (CONTRACT 3; INTERFACES B)."""

from __future__ import annotations

import hashlib
import io

from tests.api.test_access_papers import PDF, add_paper


def _post(client, world, item_id, data, actor="clerk_a"):
    return client.post(
        f"/api/v1/agenda/{item_id}/papers",
        data=data,
        content_type="multipart/form-data",
        headers=world.auth(actor),
    )


def test_paper_is_attached_with_its_number_and_date_then_downloaded(app, client, world):
    item_id = add_paper(app, world)["item"]
    answer = _post(
        client,
        world,
        item_id,
        {
            "file": (io.BytesIO(PDF), "to-trinh.pdf"),
            "paper_kind": "submission",
            "doc_number": "12/TTr-UBND",
            "issued_on": "2026-11-20",
            "issuer": "Ủy ban nhân dân xã",
        },
    )
    assert answer.status_code == 201, answer.get_data(as_text=True)
    body = answer.get_json()
    assert body["name"] == "to-trinh.pdf"
    assert body["size"] == len(PDF)
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert (body["paper_kind"], body["doc_number"], body["issued_on"], body["issuer"]) == (
        "submission",
        "12/TTr-UBND",
        "2026-11-20",
        "Ủy ban nhân dân xã",
    )
    download = client.get(f"/api/v1/papers/{body['id']}", headers=world.auth("member_a"))
    assert download.status_code == 200
    assert download.data == PDF
    assert download.mimetype == "application/pdf"


def test_paper_without_kind_is_other(app, client, world):
    item_id = add_paper(app, world)["item"]
    answer = _post(client, world, item_id, {"file": (io.BytesIO(PDF), "x.pdf")})
    assert answer.status_code == 201
    assert answer.get_json()["paper_kind"] == "other"
    assert answer.get_json()["issued_on"] is None


def test_bad_type_bad_date_and_bad_kind_are_422(app, client, world):
    item_id = add_paper(app, world)["item"]
    for data in (
        {"file": (io.BytesIO(b"MZ\x90\x00"), "virus.exe")},
        {"file": (io.BytesIO(b"hello"), "fake.pdf")},
        {"file": (io.BytesIO(PDF), "x.pdf"), "issued_on": "20/11/2026"},
        {"file": (io.BytesIO(PDF), "x.pdf"), "paper_kind": "poem"},
        {},
    ):
        answer = _post(client, world, item_id, data)
        assert answer.status_code == 422, answer.get_data(as_text=True)
        assert answer.get_json()["error"]["code"]


def test_over_20_mib_is_413_in_the_json_shape(app, client, world):
    item_id = add_paper(app, world)["item"]
    for extra in (1, 2 * 1024 * 1024):  # just over the file limit, and over the body limit
        big = PDF + b"0" * (20 * 1024 * 1024 - len(PDF) + extra)
        answer = _post(client, world, item_id, {"file": (io.BytesIO(big), "big.pdf")})
        assert answer.status_code == 413
        assert answer.get_json()["error"]["code"] == "too_large"
        assert "20 MB" in answer.get_json()["error"]["message"]
    exact = PDF + b"0" * (20 * 1024 * 1024 - len(PDF))
    answer = _post(client, world, item_id, {"file": (io.BytesIO(exact), "exact.pdf")})
    assert answer.status_code == 201


def test_other_unit_cannot_attach_or_read(app, client, world):
    ids = add_paper(app, world)
    answer = _post(client, world, ids["item"], {"file": (io.BytesIO(PDF), "x.pdf")}, "clerk_b")
    assert answer.status_code == 403
    assert answer.get_json()["error"]["code"] == "forbidden"
    assert (
        client.get(f"/api/v1/papers/{ids['paper']}", headers=world.auth("clerk_b")).status_code
        == 403
    )
