// The real server on a fresh SQLite file for the benchmarks: migrate, init, a setup command, Daphne.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export async function startServerWith(setup, port = 8190) {
  const dir = mkdtempSync(join(tmpdir(), 'it24u-bench-'))
  const env = { ...process.env, DEBUG: '1', SQLITE_PATH: join(dir, 'db.sqlite3') }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  const manage = (...args) => execFileSync(join(ROOT, '.venv/bin/python'), ['manage.py', ...args], { cwd: ROOT, env })
  manage('migrate', '--noinput', '-v0')
  manage('competition_init')
  manage(...setup)
  const daphne = spawn(join(ROOT, '.venv/bin/daphne'), ['-b', '127.0.0.1', '-p', String(port), 'it24u.asgi:application'], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url + '/healthz')).ok) break
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    url,
    async stop() {
      daphne.kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
