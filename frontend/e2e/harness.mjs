// The real server on a fresh database, and Chromium driven by playwright-core, for the e2e tests.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const PYTHON = join(ROOT, '.venv', 'bin', 'python')
const DAPHNE = join(ROOT, '.venv', 'bin', 'daphne')
export const ARTIFACTS = join(ROOT, 'frontend', 'test-artifacts')

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => done(port))
    })
  })
}

const SETUP_USERS = `
from django.contrib.auth.models import Group, User
kiosk = User.objects.create_user("competition", password="competition")
kiosk.groups.add(Group.objects.get(name="competition"))
`

/** A fresh SQLite database, migrated and initialised (with the demo event if asked), served by Daphne. */
export async function startServer({ demo = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'it24u-e2e-'))
  const env = {
    ...process.env,
    DEBUG: '1',
    SQLITE_PATH: join(dir, 'db.sqlite3'),
    DJANGO_ALLOWED_HOSTS: '127.0.0.1 localhost',
  }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  const manage = (...args) => execFileSync(PYTHON, ['manage.py', ...args], { cwd: ROOT, env, stdio: 'pipe' })
  manage('migrate', '--noinput', '-v0')
  manage('competition_init')
  manage('init_users')
  if (demo) manage('competition_create_dummy_data')
  else manage('shell', '-c', SETUP_USERS)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let daphne = null
  let log = ''

  async function up() {
    daphne = spawn(DAPHNE, ['-b', '127.0.0.1', '-p', String(port), 'it24u.asgi:application'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    daphne.stderr.on('data', (chunk) => (log += chunk))
    const deadline = Date.now() + 30_000
    for (;;) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`Daphne did not start:\n${log}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  async function down(signal = 'SIGTERM') {
    if (!daphne || daphne.exitCode !== null) return
    const exited = new Promise((r) => daphne.once('exit', r))
    daphne.kill(signal)
    await exited
  }

  await up()
  return {
    url,
    log: () => log,
    /** Kill the server (as a crash would) and, later, start it again on the same port and data. */
    crash: () => down('SIGKILL'),
    restart: up,
    async stop() {
      await down()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser() {
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  })
}

/** A small JSON client for the API with a session (for setting up data and checking results). */
export class Api {
  constructor(url) {
    this.url = url
    this.cookies = new Map()
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async call(method, path, body) {
    const headers = { Accept: 'application/json', Cookie: this.cookieHeader() }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    if (method !== 'GET') headers['X-CSRFToken'] = this.cookies.get('csrftoken') ?? ''
    headers.Referer = this.url + '/'
    const response = await fetch(this.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, value] = pair.split('=')
      this.cookies.set(name, value)
    }
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }

  async login(username, password) {
    await this.call('GET', '/api/auth/me/')
    const answer = await this.call('POST', '/api/auth/login/', { username, password })
    if (answer.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(answer.body)}`)
    return this
  }

  async ok(method, path, body) {
    const answer = await this.call(method, path, body)
    if (answer.status >= 300)
      throw new Error(`${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`)
    return answer.body
  }
}

let nextId = 1000000
/** Register runners (as staff) and return them. */
export async function registerRunners(api, names) {
  const universities = await api.ok('GET', '/api/universities/')
  const university = universities.results[0].id
  const runners = []
  for (const name of names) {
    const [first, last] = name.split(' ')
    const identification = `r${String(nextId++).padStart(7, '0')}`
    runners.push(
      await api.ok('POST', '/api/runners/', {
        first_name: first,
        last_name: last,
        identification,
        university,
      }),
    )
  }
  return runners
}

/** Log a browser context in through the API (the session cookie is shared with the pages). */
export async function loginContext(context, url, username, password) {
  const page = await context.newPage()
  await page.goto(`${url}/api/auth/me/`)
  const status = await page.evaluate(
    async ([user, pass]) => {
      const token = document.cookie.match(/csrftoken=([^;]+)/)?.[1] ?? ''
      const response = await fetch('/api/auth/login/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': token },
        body: JSON.stringify({ username: user, password: pass }),
      })
      return response.status
    },
    [username, password],
  )
  await page.close()
  if (status !== 200) throw new Error(`login ${username} failed: ${status}`)
}

/**
 * Scrolls the page to its end and back, a screen at a time: the statistics page sets its cards
 * below the fold up only when they come near the screen (RenderNear), as a spectator scrolling
 * would see them.
 */
export async function scrollThrough(page) {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight - 100)
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y)
      await new Promise((resolve) => setTimeout(resolve, 60))
    }
    window.scrollTo(0, 0)
  })
}
