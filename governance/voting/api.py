"""JSON API for votes and elections (CONTRACT §3). Thin: parse, call the service, answer."""

from __future__ import annotations

from flask.views import MethodView

from governance.core.api import api_blueprint, api_user, page_of
from governance.core.pagination import paginated
from governance.meetings.service import get_item
from governance.voting import devices, elections, polls, service, speakers
from governance.voting.live_schemas import (
    DeviceBallotAnswerSchema,
    DeviceBallotSchema,
    PollCreatedSchema,
    PollOpenSchema,
    PollSchema,
    SpeakerAskSchema,
    SpeakerOrderSchema,
    SpeakerSchema,
)
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


# Device polls: members' own devices and voting terminals ----------------------------------


@blp.route("/agenda/<int:item_id>/poll")
class ItemPoll(MethodView):
    @blp.arguments(PollOpenSchema)
    @blp.response(201, PollCreatedSchema)
    @blp.alt_response(409, description="Not in session, a result recorded, or a poll open")
    def post(self, data, item_id):
        """Open a device poll on the item (chair): members vote from their own accounts."""
        item = get_item(item_id, api_user())
        return {"id": devices.open_poll(item, data["secret"], api_user()).id}


@blp.route("/polls/<int:poll_id>")
class Poll(MethodView):
    @blp.response(200, PollSchema)
    def get(self, poll_id):
        """Open or not, how many voted, who has not voted yet (never a secret choice)."""
        return polls.poll_dict(polls.get_poll(poll_id, api_user()), api_user())


@blp.route("/polls/<int:poll_id>/ballot")
class Ballot(MethodView):
    @blp.arguments(DeviceBallotSchema)
    @blp.response(200, DeviceBallotAnswerSchema)
    @blp.alt_response(403, description="Not a present member of the body")
    @blp.alt_response(409, description="The poll is closed")
    def post(self, data, poll_id):
        """The caller's own ballot; a second one replaces the first while the poll is open
        (on a secret poll, send the receipt the first one answered)."""
        poll = polls.get_poll(poll_id, api_user())
        return polls.ballot(poll, api_user(), data["choice"], data["receipt"])


@blp.route("/polls/<int:poll_id>/close")
class ClosePoll(MethodView):
    @blp.response(200, VoteResultSchema)
    def post(self, poll_id):
        """Close the poll and record its result by the body's rule (chair)."""
        poll = polls.get_poll(poll_id, api_user())
        return service.result_dict(devices.close_poll(poll.item, api_user()))


# Speakers ---------------------------------------------------------------------------------


@blp.route("/agenda/<int:item_id>/speakers")
class Speakers(MethodView):
    @blp.response(200, SpeakerSchema(many=True))
    @paginated(blp)
    def get(self, item_id, pagination_parameters):
        """The item's list: the one speaking, those waiting in order, those done
        (paginated: X-Pagination)."""
        return page_of(speakers.listing(get_item(item_id, api_user())), pagination_parameters)

    @blp.arguments(SpeakerAskSchema)
    @blp.response(201, SpeakerSchema)
    @blp.alt_response(409, description="Already waiting to speak on this item")
    def post(self, data, item_id):
        """Ask to speak (a member for themselves; the clerk or chair's table for anyone)."""
        item = get_item(item_id, api_user())
        return speakers.speaker_dict(speakers.ask(item, data["member_id"], api_user()))


@blp.route("/agenda/<int:item_id>/speakers/order")
class SpeakerOrder(MethodView):
    @blp.arguments(SpeakerOrderSchema)
    @blp.response(200, SpeakerSchema(many=True))
    def put(self, data, item_id):
        """The chair's order of those waiting."""
        item = get_item(item_id, api_user())
        return speakers.reorder(item, data["speaker_ids"], api_user())


@blp.route("/speakers/<int:speaker_id>/start")
class SpeakerStart(MethodView):
    @blp.response(200, SpeakerSchema)
    def post(self, speaker_id):
        """Give the floor (chair); whoever speaks in this meeting stops first, time kept."""
        row = speakers.get_speaker(speaker_id, api_user())
        return speakers.speaker_dict(speakers.start(row, api_user()))


@blp.route("/speakers/<int:speaker_id>/stop")
class SpeakerStop(MethodView):
    @blp.response(200, SpeakerSchema)
    def post(self, speaker_id):
        """End the turn (chair); the time spoken is kept for the minutes."""
        row = speakers.get_speaker(speaker_id, api_user())
        return speakers.speaker_dict(speakers.stop(row, api_user()))
