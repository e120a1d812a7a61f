"""JSON API for the caller's notifications. Thin: parse, call, answer."""

from __future__ import annotations

from flask.views import MethodView

from governance.core.api import api_blueprint, api_user
from governance.notifications import service
from governance.notifications.schemas import NotificationQuerySchema, NotificationSchema

blp = api_blueprint("notifications_api", "Reminders and notices of the caller")
PAGE = {"page_size": 50, "max_page_size": 500}


@blp.route("/notifications")
class Notifications(MethodView):
    @blp.arguments(NotificationQuerySchema, location="query")
    @blp.response(200, NotificationSchema(many=True))
    @blp.paginate(**PAGE)
    def get(self, query, pagination_parameters):
        """The caller's notifications, latest first (paginated: X-Pagination header)."""
        items, total = service.listing(
            api_user(), pagination_parameters.page, pagination_parameters.page_size, **query
        )
        pagination_parameters.item_count = total
        return items


@blp.route("/notifications/<int:notification_id>/read")
class ReadNotification(MethodView):
    @blp.response(200, NotificationSchema)
    def post(self, notification_id):
        """Mark one of the caller's notifications read."""
        notice = service.get(notification_id, api_user())
        service.mark_read(api_user(), notice.id)
        return service.get(notification_id, api_user())
