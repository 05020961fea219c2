// The real server on a fresh SQLite file for the benchmarks: migrate, init, a setup command, Daphne;
// or the production topology: the real NGINX with nginx/nginx.conf in front of a Daphne with DEBUG=0.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url + '/healthz')).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer /healthz`)
}

function prepare(setup, extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'it24u-bench-'))
  const env = { ...process.env, DEBUG: '1', SQLITE_PATH: join(dir, 'db.sqlite3'), ...extraEnv }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  const manage = (...args) => execFileSync(join(ROOT, '.venv/bin/python'), ['manage.py', ...args], { cwd: ROOT, env })
  manage('migrate', '--noinput', '-v0')
  manage('competition_init')
  manage(...setup)
  return { dir, env, manage }
}

function daphne(env, port, flags = []) {
  return spawn(join(ROOT, '.venv/bin/daphne'), ['-b', '127.0.0.1', '-p', String(port), ...flags, 'it24u.asgi:application'], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
  })
}

export async function startServerWith(setup, port = 8190) {
  const { dir, env } = prepare(setup)
  const server = daphne(env, port)
  const url = `http://127.0.0.1:${port}`
  await waitFor(url)
  return {
    url,
    async stop() {
      server.kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** nginx/nginx.conf with only its addresses and paths changed for loopback (as competition/tests/test_deployment.py). */
function renderNginxConf({ listen, worker, staticRoot, workdir }) {
  let conf = readFileSync(join(ROOT, 'nginx/nginx.conf'), 'utf8')
  const replacements = [
    ['    resolver 127.0.0.11 valid=10s ipv6=off;\n', ''],
    ['        server worker:8000 resolve;\n', `        server ${worker};\n`],
    ['        listen 80;', `        listen 127.0.0.1:${listen};`],
    ['/srv/static/', `${staticRoot}/`],
  ]
  for (const [old, replacement] of replacements) {
    if (!conf.includes(old)) throw new Error(`nginx.conf no longer contains ${JSON.stringify(old)}`)
    conf = conf.replaceAll(old, replacement)
  }
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `    ${k}_temp_path ${workdir}/${k};\n`).join('')
  const user = process.getuid?.() === 0 ? 'user root;\n' : ''
  return `daemon off;\npid ${workdir}/nginx.pid;\n${user}` + conf.replace('http {\n', 'http {\n' + temp)
}

/** The production topology on loopback: collectstatic, one Daphne worker (DEBUG=0, the Dockerfile's flags), NGINX. */
export async function startBehindNginx(setup, port = 8192) {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync)
  if (!nginx) throw new Error('nginx is not installed: make nginx')
  const { dir, env } = prepare(setup)
  const staticRoot = join(dir, 'static')
  const production = {
    ...env,
    DEBUG: '0',
    SECRET_KEY: 'bench-' + 'k'.repeat(50),
    SERVE_STATIC: '0',
    DJANGO_STATIC_ROOT: staticRoot,
    DJANGO_ALLOWED_HOSTS: '127.0.0.1 localhost',
  }
  execFileSync(join(ROOT, '.venv/bin/python'), ['manage.py', 'collectstatic', '--noinput', '-v0'], { cwd: ROOT, env: production })
  const workerPort = port - 1
  const worker = daphne(production, workerPort, ['--proxy-headers', '--access-log', '/dev/null'])
  await waitFor(`http://127.0.0.1:${workerPort}`)
  const workdir = join(dir, 'nginx')
  mkdirSync(workdir)
  const conf = join(workdir, 'nginx.conf')
  writeFileSync(conf, renderNginxConf({ listen: port, worker: `127.0.0.1:${workerPort}`, staticRoot, workdir }))
  const proxy = spawn(nginx, ['-c', conf, '-p', workdir, '-e', join(workdir, 'error.log')], { stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  await waitFor(url)
  return {
    url,
    async stop() {
      proxy.kill()
      worker.kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
