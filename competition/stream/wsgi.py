"""GET /api/events/ where Django answers it (the test client, WSGI): the backlog, then the end.

Under Daphne the stream never reaches this view: it24u/asgi.py hands it to competition.stream.asgi.
Here the same request gets the stored events after the client's seq and the end of the response;
an EventSource reconnects with its last id. A client resumes with the Last-Event-ID header
(browsers send it on reconnect) or, after loading a snapshot, with ?seq=<the snapshot's seq>.
Event ids are `race:<seq>`; every payload also carries its `seq` and `type`.
"""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from competition.stream import store, wire


@require_GET
def events_view(request):
    last_id = request.headers.get("Last-Event-ID") or request.GET.get("lastEventId")
    try:
        after = wire.parse_after(request.GET.get("seq"), last_id)
    except wire.BadRequest as error:
        return JsonResponse({"detail": str(error), "code": "invalid"}, status=400)
    body = b""
    newest = store.current_seq()
    if wire.too_far_back(after, newest):  # a reset (reload the snapshot), never a flood of history
        body += wire.reset_frame(newest)
        after = newest
    rows, reset_to = store.read_after(after)
    if reset_to is not None and after is not None:
        body += wire.reset_frame(reset_to)
    body += b"".join(data for _, data in rows) + b"retry: 1000\n\n"
    body = wire.open_frame(max(newest or 0, rows[-1][0] if rows else 0)) + body
    response = HttpResponse(body, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    return response
