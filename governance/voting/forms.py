"""Reading the console's forms into the data the services take (the API's schemas validate)."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from governance.core.errors import Invalid, flatten_messages
from governance.voting.schemas import ElectionCreateSchema, RoundSchema, VoteSchema


def _load(schema, data: dict) -> dict:
    try:
        return schema.load(data)
    except ValidationError as error:
        fields = flatten_messages(error.messages)
        raise Invalid(" ".join(f"{k}: {v}" for k, v in fields.items()), fields=fields) from None


def _int(value: str | None, name: str) -> int:
    try:
        return int((value or "0").strip() or "0")
    except ValueError:
        raise Invalid(_("%(name)s must be a whole number.", name=name)) from None


def vote_data(form: MultiDict) -> dict:
    method = form.get("method", "")
    if method == "roll_call":
        ballots = {
            key.removeprefix("ballot-"): value
            for key, value in form.items()
            if key.startswith("ballot-") and value
        }
        return _load(VoteSchema(), {"method": method, "ballots": ballots or None})
    counts = {k: _int(form.get(k), _(k)) for k in ("yes", "no", "abstain")}
    return _load(VoteSchema(), {"method": method, **counts})


def attendance_record(form: MultiDict) -> dict:
    return {"member_id": _int(form.get("member_id"), "member_id"), "status": form.get("status")}


def election_data(form: MultiDict) -> dict:
    names = [line.strip() for line in form.get("candidates", "").splitlines() if line.strip()]
    return _load(
        ElectionCreateSchema(),
        {
            "seats": _int(form.get("seats"), _("Number to elect")),
            "alternates": _int(form.get("alternates"), _("Alternates")),
            "candidates": names,
            "surplus_required": form.get("no_surplus") != "1",
            "counting_board": board_from_lines(form.get("counting_board", "")),
        },
    )


def board_from_lines(text: str) -> list[dict]:
    """One name a line, the head first (as the chair announces the board)."""
    names = [line.strip() for line in text.splitlines() if line.strip()]
    return [{"name": n, "role": "head" if i == 0 else "member"} for i, n in enumerate(names)]


def floor_data(form: MultiDict) -> tuple[str, int]:
    return form.get("name", ""), _int(form.get("agree"), _("Agreeing"))


def floor_refused(answer: dict) -> str:
    return _(
        "%(name)s is not added: %(agree)s of %(present)s present agreed; at least "
        "%(required)s (more than 30%%) are needed.",
        **answer,
    )


def round_data(form: MultiDict) -> dict:
    votes = {
        key.removeprefix("votes-"): _int(value, key.removeprefix("votes-"))
        for key, value in form.items()
        if key.startswith("votes-")
    }
    base = form.get("base", "").strip()
    return _load(
        RoundSchema(),
        {
            "ballots_issued": _int(form.get("ballots_issued"), _("Ballots issued")),
            "ballots_returned": _int(form.get("ballots_returned"), _("Ballots returned")),
            "invalid": _int(form.get("invalid"), _("Invalid ballots")),
            "votes": votes,
            "base": _int(base, _("Base")) if base else None,
        },
    )
