"""JSON API for votes and elections (CONTRACT §3). Thin: parse, call the service, answer."""

from __future__ import annotations

from flask.views import MethodView

from governance.core.api import api_blueprint, api_user
from governance.meetings.service import get_item
from governance.voting import elections, service
from governance.voting.schemas import (
    ElectionCreateSchema,
    ElectionSchema,
    FloorAnswerSchema,
    FloorNomineeSchema,
    ItemVotesSchema,
    ReopenSchema,
    RoundResultSchema,
    RoundSchema,
    VoteResultSchema,
    VoteSchema,
)

blp = api_blueprint("voting_api", "Votes and elections in session")


@blp.route("/agenda/<int:item_id>/votes")
class Votes(MethodView):
    @blp.response(200, ItemVotesSchema)
    def get(self, item_id):
        """The item's standing result (locked) and the reopened ones before it."""
        return service.item_votes(get_item(item_id, api_user()))

    @blp.arguments(VoteSchema)
    @blp.response(201, VoteResultSchema)
    @blp.alt_response(409, description="Not open, or already recorded (the body has it)")
    @blp.alt_response(422, description="Counts that cannot be")
    def post(self, data, item_id):
        """Record the vote by the body's rule: the base is all members of the body."""
        item = get_item(item_id, api_user())
        return service.result_dict(service.record_vote(item, data, api_user()))


@blp.route("/agenda/<int:item_id>/votes/reopen")
class ReopenVote(MethodView):
    @blp.arguments(ReopenSchema)
    @blp.response(200, VoteResultSchema)
    def post(self, data, item_id):
        """Unlock a recorded result (chair or admin), with a reason kept in the audit log."""
        item = get_item(item_id, api_user())
        return service.result_dict(service.reopen_vote(item, data["reason"], api_user()))


@blp.route("/agenda/<int:item_id>/election")
class ItemElection(MethodView):
    @blp.arguments(ElectionCreateSchema)
    @blp.response(201, ElectionSchema)
    def post(self, data, item_id):
        """The candidate list: longer than the seats, at most 30% over them."""
        item = get_item(item_id, api_user())
        return elections.election_dict(elections.create_election(item, data, api_user()))


@blp.route("/elections/<int:election_id>")
class ElectionResource(MethodView):
    @blp.response(200, ElectionSchema)
    def get(self, election_id):
        return elections.election_dict(elections.get_election(election_id, api_user()))


@blp.route("/elections/<int:election_id>/candidates")
class FloorNominees(MethodView):
    @blp.arguments(FloorNomineeSchema)
    @blp.response(200, FloorAnswerSchema)
    def post(self, data, election_id):
        """A floor or self-nomination, with how many present agree (more than 30% needed)."""
        election = elections.get_election(election_id, api_user(), need="run")
        return elections.add_floor_nominee(election, data["name"], data["agree"], api_user())


@blp.route("/elections/<int:election_id>/rounds")
class Rounds(MethodView):
    @blp.arguments(RoundSchema)
    @blp.response(201, RoundResultSchema)
    def post(self, data, election_id):
        """Count a round: elected, alternates, tied (a new round among them), unfilled."""
        election = elections.get_election(election_id, api_user(), need="run")
        return elections.round_dict(elections.record_round(election, data, api_user()))
