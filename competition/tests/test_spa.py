"""The single-page app on the same origin: index.html at every route, hashed assets cached long."""

import pytest

from it24u import spa


@pytest.fixture
def built(settings, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>24-hour run</title><div id=app></div>")
    settings.FRONTEND_DIST = tmp_path
    return tmp_path


@pytest.mark.parametrize("path", ["/", "/queue", "/control", "/queue-up", "/fullscreen", "/a/deep/link"])
def test_every_route_of_the_app_gets_index_html(client, built, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"<div id=app>" in response.content
    assert response["Cache-Control"] == "no-cache"


def test_the_api_and_health_are_not_swallowed_by_the_app(client, built, db):
    assert client.get("/api/nothing-here/").status_code == 404
    assert client.get("/api/nothing-here/")["Content-Type"] == "application/json"
    assert client.get("/healthz").status_code == 200


def test_without_a_build_the_app_says_how_to_make_one(client, settings, tmp_path):
    settings.FRONTEND_DIST = tmp_path / "missing"
    response = client.get("/queue")
    assert response.status_code == 503
    assert b"npm run build" in response.content


def asgi_get(path: str) -> tuple[int, dict]:
    """GET through the ASGI application that Daphne serves (static handler included)."""
    from asgiref.sync import async_to_sync
    from asgiref.testing import ApplicationCommunicator
    from django.core.asgi import get_asgi_application

    async def call():
        app = spa.StaticFilesHandler(get_asgi_application())
        scope = {
            "type": "http",
            "method": "GET",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "headers": [(b"host", b"testserver")],
            "http_version": "1.1",
            "scheme": "http",
            "server": ("testserver", 80),
            "client": ("127.0.0.1", 1234),
        }
        communicator = ApplicationCommunicator(app, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(5)
        await communicator.wait(5)
        return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}

    return async_to_sync(call)()


def test_hashed_assets_are_cached_for_a_year_and_other_static_files_are_not(settings, built):
    (built / "assets").mkdir()
    (built / "assets" / "index-abc123.js").write_text("console.log('hi')")
    settings.STATICFILES_DIRS = [("app", built)]
    status, headers = asgi_get("/static/app/assets/index-abc123.js")
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    status, headers = asgi_get("/static/admin/css/base.css")
    assert status == 200 and "immutable" not in headers.get("cache-control", "")
