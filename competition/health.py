from django.conf import settings
from django.db import connection
from django.http import JsonResponse


def healthz(request):
    """200 when the database (and Redis, when configured) answer; 503 with what failed otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # report, never raise: this is what the load balancer reads
        checks["database"] = f"error: {type(error).__name__}"
    if settings.REDIS_URL:
        try:
            from competition.stream import fanout

            fanout.redis_client().ping()
            checks["redis"] = "ok" if fanout.healthy() else "error: event subscription down"
        except Exception as error:
            checks["redis"] = f"error: {type(error).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)
