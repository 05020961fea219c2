"""GET /api/events/: the SSE stream of django-eventstream on the race channel.

A client resumes with the Last-Event-ID header (browsers send it on reconnect) or, after loading
a snapshot, with ?seq=<the snapshot's seq>. Event ids are `race:<seq>`; every payload also
carries its `seq` and `type`.
"""

from django.conf import settings
from django.http import JsonResponse
from django_eventstream.views import events


def events_view(request):
    seq = request.GET.get("seq")
    if seq is not None:
        if not seq.isdigit():
            return JsonResponse(
                {"detail": "seq must be a whole number (the seq of your snapshot).", "code": "invalid"}, status=400
            )
        query = request.GET.copy()
        query["lastEventId"] = f"{settings.EVENTS_CHANNEL}:{seq}"
        request.GET = query
    return events(request, channel=settings.EVENTS_CHANNEL)
