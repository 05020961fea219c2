"""The production deployment (SPEC section 9), proven without Docker.

The compose files and the Dockerfile are read and checked against the repository; the production
topology runs on loopback from the repository's own files: the real NGINX with nginx/nginx.conf
(only its addresses rendered for 127.0.0.1), two Daphne workers with Redis, PostgreSQL.
"""

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest
import yaml

from competition.tests.live_server import Api, Daphne, Databases, SseStream, free_port, manage, server_env

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILES = ["docker-compose.dev.yml", "docker-compose.prod.yml", "nginx/docker-compose.yml"]
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/test"
REDIS_DEFAULT = "redis://127.0.0.1:6379/0"


def compose(name: str) -> dict:
    return yaml.safe_load((ROOT / name).read_text())


def _volume_source(entry) -> str:
    return entry.split(":", 1)[0] if isinstance(entry, str) else entry["source"]


@pytest.mark.parametrize("name", COMPOSE_FILES)
def test_everything_a_compose_file_names_exists(name):
    spec, base = compose(name), (ROOT / name).parent
    volumes = set(spec.get("volumes") or {})
    services = spec["services"]
    for service_name, service in services.items():
        build = service.get("build")
        if build:
            context = base / (build if isinstance(build, str) else build.get("context", "."))
            assert (context / "Dockerfile").is_file(), f"{service_name}: no Dockerfile in {context}"
        for env_file in (
            [service["env_file"]] if isinstance(service.get("env_file"), str) else service.get("env_file", [])
        ):
            assert (base / f"{env_file}.example").is_file(), f"{service_name}: no example for {env_file}"
        for entry in service.get("volumes", []):
            source = _volume_source(entry)
            if source.startswith((".", "/")):
                assert (base / source).exists(), f"{service_name}: {source} does not exist"
            else:
                assert source in volumes, f"{service_name}: volume {source} is not declared"
        for needed in service.get("depends_on", []):
            assert needed in services, f"{service_name} depends on an unknown service {needed}"
        assert "image" in service or build, f"{service_name} has neither image nor build"


def test_production_runs_no_dev_server_and_mounts_no_source_code():
    services = compose("docker-compose.prod.yml")["services"]
    text = (ROOT / "docker-compose.prod.yml").read_text()
    assert "runserver" not in text and "npm run dev" not in text and 'DEBUG: "1"' not in text
    for name, service in services.items():
        for entry in service.get("volumes", []):
            source = _volume_source(entry)
            if source.startswith("."):
                assert source.startswith("./nginx/"), f"{name} mounts {source} from the repository"
        if name not in ("migrate",):
            assert service.get("restart") == "unless-stopped", f"{name} restarts by itself"
    assert services["nginx"]["ports"] == ["1337:80"]
    assert "healthz" in str(services["worker"]["healthcheck"]["test"])
    assert services["migrate"]["restart"] == "no"
    assert services["worker"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "collectstatic" in services["migrate"]["command"] and "migrate" in services["migrate"]["command"]


def test_the_image_is_built_in_two_stages_and_runs_as_a_user_without_privileges():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", dockerfile, re.M)) == 2
    assert "npm run build" in dockerfile and "COPY --from=frontend" in dockerfile
    user = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert user and user[-1] not in ("root", "0")
    assert "daphne" in dockerfile and "healthz" in dockerfile


def test_development_compose_reloads_and_proxies():
    services = compose("docker-compose.dev.yml")["services"]
    assert "runserver 0.0.0.0:8000" in services["backend"]["command"]
    assert "migrate" in services["backend"]["command"]
    assert "8080" in services["frontend"]["command"] and services["frontend"]["ports"] == ["8080:8080"]
    assert services["frontend"]["environment"]["BACKEND_URL"] == "http://backend:8000"


# --- the production topology on loopback ---------------------------------------------------------


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    if os.environ.get("REQUIRE_NGINX"):
        pytest.fail("nginx is not installed: run `make nginx` (apt-get install nginx)")
    pytest.skip("nginx is not installed (make nginx)")


def render_nginx_conf(*, listen: int, workers: list[str], static_root: Path, workdir: Path) -> str:
    """nginx/nginx.conf with only its addresses and paths changed for a test on loopback."""
    conf = (ROOT / "nginx" / "nginx.conf").read_text()
    upstream = "".join(f"        server {w.removeprefix('http://')};\n" for w in workers)
    replacements = {
        "    resolver 127.0.0.11 valid=10s ipv6=off;\n": "",
        "        server worker:8000 resolve;\n": upstream,
        "        listen 80;": f"        listen 127.0.0.1:{listen};",
        "/srv/static/": f"{static_root}/",
    }
    for old, new in replacements.items():
        assert old in conf, f"nginx.conf no longer contains {old!r}"
        conf = conf.replace(old, new)
    preamble = f"daemon off;\npid {workdir}/nginx.pid;\n"
    if os.geteuid() == 0:
        preamble += "user root;\n"  # the workers must read the test's private temporary folder
    temp = "".join(
        f"    {kind}_temp_path {workdir}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return preamble + conf.replace("http {\n", "http {\n" + temp, 1)


def dockerfile_daphne_flags() -> list[str]:
    """The options the image starts Daphne with (its CMD), but for the address and port it binds."""
    command = json.loads(re.search(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), re.M).group(1))
    assert command[0] == "daphne" and command[-1] == "it24u.asgi:application"
    flags, rest = [], iter(command[1:-1])
    for flag in rest:
        if flag in ("-b", "-p"):
            next(rest)
        else:
            flags.append(flag)
    assert "--proxy-headers" in flags  # the lockout and the stream limits count the real client address
    return flags


def require_services(database_url: str, redis_url: str) -> None:
    """PostgreSQL and Redis answer; else skip on a developer's machine, fail in CI (REQUIRE_SERVICES)."""
    import psycopg2
    import redis

    try:
        psycopg2.connect(database_url, connect_timeout=3).close()
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as error:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail(f"PostgreSQL or Redis does not answer: {error}")
        pytest.skip(f"the production topology needs PostgreSQL and Redis ({error})")


@pytest.fixture
def topology(tmp_path):
    nginx = nginx_binary()
    database_url = os.environ.get("DATABASE_URL") or PG_DEFAULT
    require_services(database_url, os.environ.get("REDIS_URL") or REDIS_DEFAULT)
    databases = Databases(tmp_path / "db", database_url)
    db_env = databases.fresh()
    static_root = tmp_path / "static"
    common = {
        **db_env,
        "REDIS_URL": os.environ.get("REDIS_URL") or REDIS_DEFAULT,
        "DJANGO_STATIC_ROOT": str(static_root),
    }
    manage(server_env(**common), "collectstatic", "--noinput", "-v0")
    assert (static_root / "app" / "index.html").is_file(), "the app is not built (make frontend/dist/index.html)"
    production = {
        **common,
        "DEBUG": "0",
        "SECRET_KEY": "topology-test-" + "k" * 50,
        "SERVE_STATIC": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1 localhost",
    }
    workers = [
        Daphne(server_env(**production), tmp_path, name=f"worker-{n}", flags=dockerfile_daphne_flags()) for n in (1, 2)
    ]
    for worker in workers:
        worker.launch()
    for worker in workers:
        worker.wait_ready()
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        render_nginx_conf(listen=port, workers=[w.url for w in workers], static_root=static_root, workdir=tmp_path)
    )
    check = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    log = open(tmp_path / "nginx.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp_path)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield {"url": url, "workers": workers, "db": db_env}
    proc.terminate()
    proc.wait(10)
    log.close()
    for worker in workers:
        worker.stop()
        print(f"--- {worker.name} ---\n{worker.log()}")
    print("--- nginx ---\n" + (tmp_path / "nginx.log").read_text())
    databases.drop(db_env)
    databases.close()


@pytest.mark.server
def test_through_nginx_the_app_loads_static_files_are_cached_and_live_events_are_not_buffered(topology):
    url = topology["url"]
    web = httpx.Client(base_url=url, timeout=10)

    # The app and a deep link (a route of the app) load, with their security headers.
    for path in ("/", "/fullscreen"):
        page = web.get(path)
        assert page.status_code == 200 and 'id="app"' in page.text, path
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["cache-control"] == "no-cache"
    script = re.search(r'src="(/static/app/assets/[^"]+\.js)"', web.get("/").text).group(1)
    asset = web.get(script, headers={"Accept-Encoding": "gzip"})
    assert asset.status_code == 200
    assert "max-age=31536000" in asset.headers["cache-control"] and "immutable" in asset.headers["cache-control"]
    assert asset.headers.get("content-encoding") == "gzip"

    # The service worker comes from the root (so that it controls every page), never cached; the
    # web app manifest with its type; robots.txt.
    worker = web.get("/sw.js")
    assert worker.status_code == 200 and worker.headers["cache-control"] == "no-cache"
    assert worker.headers["content-type"].startswith("text/javascript")
    manifest = web.get(re.search(r'rel="manifest" href="([^"]+)"', web.get("/").text).group(1))
    assert manifest.status_code == 200
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    robots = web.get("/robots.txt")
    assert robots.status_code == 200 and "Disallow: /control" in robots.text

    # Log in and press next lap through NGINX, as the control page does.
    api = Api(url)
    api.login()
    api.ok("PATCH", "/api/settings/", {"min_lap_time": 0}, status=200)
    pressed = api.advance(api.running_lap())
    assert pressed["seq"] > 0

    # A spectator on NGINX gets each press within a second, whichever worker handled it.
    seq = api.seq()
    stream = SseStream(url, seq=seq).wait_open()
    try:
        for worker in topology["workers"] + [None]:
            direct = Api(worker.url) if worker else api  # None: the press goes through NGINX too
            if worker:
                direct.login()
            started = time.monotonic()
            body = direct.advance(direct.running_lap())
            events = stream.take_through(body["seq"], timeout=5)
            took = time.monotonic() - started
            assert events[-1].number == body["seq"]
            assert took < 1.0, f"the event took {took:.2f} s through NGINX (buffered?)"
    finally:
        stream.close()


def test_every_file_the_dockerfile_copies_exists():
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            *sources, _target = line.split()[1:]
            for source in sources:
                assert (ROOT / source).exists() or (ROOT / "frontend" / source).exists(), source


def test_the_https_configuration_is_valid_nginx(tmp_path):
    """nginx-https.conf with a throw-away certificate for localhost, checked by `nginx -t`."""
    nginx = nginx_binary()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"]
        + ["-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    conf = (ROOT / "nginx" / "nginx-https.conf").read_text()
    conf = conf.replace("/etc/letsencrypt/live/${DOMAIN}/", f"{tmp_path}/").replace("${DOMAIN}", "localhost")
    conf = conf.replace("    resolver 127.0.0.11 valid=10s ipv6=off;\n", "")
    conf = conf.replace("server worker:8000 resolve;", "server 127.0.0.1:8000;")
    version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.split("/")[-1].split()[0]
    if tuple(int(part) for part in version.split(".")) < (1, 25, 1):
        conf = conf.replace("        http2 on;\n", "")  # Debian 12's nginx predates the directive
    assert "${" not in conf
    (tmp_path / "nginx.conf").write_text(f"pid {tmp_path}/nginx.pid;\n" + conf)
    check = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def from_address(url: str, address: str) -> Api:
    """A browser-like client whose connections come from `address` (any 127.x.y.z reaches loopback)."""
    api = Api(url)
    api.http = httpx.Client(base_url=url, timeout=10, transport=httpx.HTTPTransport(local_address=address))
    return api


@pytest.mark.server
def test_through_nginx_a_forwarded_for_header_of_the_client_changes_nothing(topology):
    """NGINX overwrites X-Forwarded-For with the address it saw: the lockout counts the real one."""
    url, victim = topology["url"], "127.0.0.3"
    attacker = from_address(url, "127.0.0.2")
    attacker.ok("GET", "/api/auth/me/", status=200)
    answers = []
    for n in range(6):
        # A different made-up address each time, and the victim's address at the end of the list.
        fake = f"198.51.100.{n}, {victim}" if n % 2 else victim
        response = attacker.post(
            "/api/auth/login/", {"username": "admin", "password": "wrong"}, headers={"X-Forwarded-For": fake}
        )
        answers.append((response.status_code, response.json().get("code")))
    assert answers[:4] == [(400, "invalid_login")] * 4
    assert answers[4:] == [(429, "locked_out")] * 2  # locked out as the address it really is

    # The address the attacker named is not locked out: the victim logs in.
    assert from_address(url, victim).login()["user"]["username"] == "admin"


@pytest.mark.server
def test_through_nginx_no_log_holds_a_student_id(topology, tmp_path):
    url, secret = topology["url"], "r0999001"
    staff = Api(url)
    staff.login()
    ku = next(
        u for u in staff.ok("GET", "/api/universities/", status=200)["results"] if u["abbreviation"] == "KU Leuven"
    )
    staff.ok(
        "POST",
        "/api/runners/",
        {"first_name": "Sam", "last_name": "Secret", "identification": secret, "university": ku["id"]},
        status=201,
    )
    volunteer = (
        "from django.contrib.auth.models import Group, User; "
        "User.objects.create_user('kiosk', password='kiosk').groups.add(Group.objects.get(name='competition'))"
    )
    manage(server_env(**topology["db"]), "shell", "-c", volunteer)
    kiosk = Api(url)
    kiosk.login("kiosk", "kiosk")
    assert kiosk.ok("POST", "/api/runners/lookup/", {"identification": secret}, status=200)["last_name"] == "Secret"
    assert kiosk.get(f"/api/runners/?search={secret}").status_code == 403
    assert staff.get(f"/api/runners/?search={secret}").json()["count"] == 1  # a search staff make in a URL
    assert staff.get(f"/api/runners/?identification={secret}").status_code == 400
    assert staff.get(f"/api/runners/?search={secret}%20{'x' * 120}").status_code == 400  # a logged 4xx

    time.sleep(0.5)  # NGINX writes its access log as each request ends
    logs = (tmp_path / "nginx.log").read_text() + "".join(w.log_path.read_text() for w in topology["workers"])
    assert "POST /api/runners/lookup/" in logs and "GET /api/runners/" in logs  # the requests are logged
    assert secret not in logs
