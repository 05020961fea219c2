"""The single-page app on the same origin: index.html at every route, hashed assets cached long."""

import gzip

import httpx
import pytest

from competition.tests.live_server import Daphne, server_env


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


# --- static files from the embedded server (WhiteNoise; NGINX serves them in production) ------------

ASSET = "/static/app/assets/index-abc123.js"
SCRIPT = b"console.log('the app');" * 100
WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"


@pytest.fixture
def assets(built, settings):
    """A build with a hashed script and the gzipped copy that the build writes next to it."""
    (built / "assets").mkdir()
    (built / "assets" / "index-abc123.js").write_bytes(SCRIPT)
    (built / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(SCRIPT))
    settings.STATICFILES_DIRS = [("app", built)]
    if WHITENOISE not in settings.MIDDLEWARE:  # the suite run with SERVE_STATIC=0
        settings.MIDDLEWARE = [settings.MIDDLEWARE[0], WHITENOISE, *settings.MIDDLEWARE[1:]]
    return built


def test_a_hashed_asset_is_cached_for_a_year_and_sent_gzipped_to_a_browser_that_accepts_it(client, assets):
    response = client.get(ASSET, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"
    assert response["Content-Type"].startswith("text/javascript")
    assert gzip.decompress(b"".join(response.streaming_content)) == SCRIPT


def test_a_client_without_gzip_gets_the_plain_file(client, assets):
    response = client.get(ASSET)
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert b"".join(response.streaming_content) == SCRIPT


def test_static_files_without_a_hash_in_their_name_are_not_cached_for_long(client, assets):
    response = client.get("/static/admin/css/base.css")
    assert response.status_code == 200
    assert "immutable" not in response.get("Cache-Control", "")


def test_a_missing_asset_is_a_404_not_the_app(client, assets):
    assert client.get("/static/app/assets/index-gone.js").status_code == 404


@pytest.mark.server
def test_the_embedded_server_sends_the_app_compressed_and_cached(databases, tmp_path):
    """`make run`'s server (Daphne, DEBUG=1) on a build: the page never cached, its assets gzipped and immutable."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(f'<!doctype html><script type="module" src="{ASSET}"></script><div id="app">')
    (dist / "assets" / "index-abc123.js").write_bytes(SCRIPT)
    (dist / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(SCRIPT))
    db_env = databases.fresh()
    server = Daphne(server_env(**db_env, FRONTEND_DIST=str(dist)), tmp_path).launch()
    try:
        server.wait_ready()
        web = httpx.Client(base_url=server.url, timeout=10)
        page = web.get("/queue")
        assert page.status_code == 200 and 'id="app"' in page.text
        assert page.headers["cache-control"] == "no-cache"
        asset = web.get(ASSET, headers={"Accept-Encoding": "gzip"})
        assert asset.status_code == 200
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert asset.headers["content-encoding"] == "gzip"
        assert asset.content == SCRIPT  # httpx undoes the gzip
        assert int(asset.headers["content-length"]) == len(gzip.compress(SCRIPT))
    finally:
        server.stop()
        databases.drop(db_env)
        print(server.log())


# --- the files at the root: the service worker and robots.txt -------------------------------------


def test_the_service_worker_is_served_from_the_root_and_never_cached(client, built):
    (built / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert b"addEventListener" in response.content
    # It may fetch only from this site, as the pages do.
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_build_without_a_service_worker_answers_404_not_the_app(client, built):
    assert client.get("/sw.js").status_code == 404


def robots(client):
    from urllib.robotparser import RobotFileParser

    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser, response.content.decode()


def test_robots_txt_lets_crawlers_see_the_public_pages_only(client, built):
    parser, _ = robots(client)
    for public in ("/", "/fullscreen", "/queue"):
        assert parser.can_fetch("*", public), public
    # The results name every runner: published for the people there, not for search engines.
    for private in (
        "/api/stats/",
        "/admin/",
        "/control",
        "/query",
        "/queue-up",
        "/shifts",
        "/rewards",
        "/results",
        "/login?next=/control",
    ):
        assert not parser.can_fetch("*", private), private


def test_robots_txt_does_not_give_away_an_admin_path_of_ones_own(client, built, settings):
    settings.ADMIN_PATH = "staff-7f3a/"
    _, text = robots(client)
    assert "staff-7f3a" not in text and "/admin/" not in text
    assert "Disallow: /api/" in text
