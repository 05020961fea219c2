# One production image for the Daphne workers and the one-shot migrate step (docker-compose.prod.yml).

# 1. The single-page app, built with Node.
FROM node:20-slim AS frontend
WORKDIR /build/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# 2. The Python app, slim, as a user without privileges.
FROM python:3.11-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DEBUG=0 \
    DJANGO_STATIC_ROOT=/srv/static \
    FRONTEND_DIST=/app/frontend/dist
WORKDIR /app
# pg_dump for competition_backup (Debian 12's client is PostgreSQL 15, the server's version).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY manage.py ./
COPY it24u/ it24u/
COPY competition/ competition/
COPY --from=frontend /build/frontend/dist/ frontend/dist/
RUN useradd --system --uid 1000 --home-dir /app app \
    && mkdir -p /srv/static /app/backups \
    && chown -R app:app /srv/static /app/backups
USER app
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
# --proxy-headers: the client's address from the X-Forwarded-For that NGINX overwrites (nginx/nginx.conf).
# No access log of Daphne's own: it writes query strings (a search); NGINX keeps one without them.
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "--proxy-headers", "--access-log", "/dev/null", "it24u.asgi:application"]
