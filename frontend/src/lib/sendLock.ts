// One sender at a time for the control outbox, across every tab of the browser: the Web Locks
// API where the browser has it (secure contexts: HTTPS, localhost), else a lease in localStorage
// (plain http:// on a LAN address). Within a tab, tasks also run one after the other.
import type { Storage } from './outbox'

export const LOCK_NAME = 'it24u-outbox'

const LEASE_KEY = 'it24u.control.sender'
const LEASE_MS = 15_000 // renewed every 5 s while held: a tab that closes mid-send frees it soon
const SETTLE_MS = 50 // two tabs that took a free lease at once: the last write wins, both see which
const RETRY_MS = 100

export interface LeaseOptions {
  owner?: string
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

interface Lease {
  owner: string
  until: number
}

const TAB = Math.random().toString(36).slice(2) + Date.now().toString(36)
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function readLease(storage: Storage): Lease | null {
  try {
    const lease = JSON.parse(storage.getItem(LEASE_KEY) ?? 'null')
    return lease && typeof lease.owner === 'string' && typeof lease.until === 'number' ? lease : null
  } catch {
    return null
  }
}

/** Runs `task` holding a lease in `storage` that every tab of the browser respects. */
export async function withLease<T>(
  storage: Storage,
  task: () => Promise<T>,
  options: LeaseOptions = {},
): Promise<T> {
  const { owner = TAB, now = Date.now, sleep = wait } = options
  const take = () => storage.setItem(LEASE_KEY, JSON.stringify({ owner, until: now() + LEASE_MS }))
  for (;;) {
    const lease = readLease(storage)
    if (!lease || lease.owner === owner || lease.until < now()) {
      take()
      await sleep(SETTLE_MS)
      if (readLease(storage)?.owner === owner) break
    }
    await sleep(RETRY_MS)
  }
  const renew = setInterval(take, LEASE_MS / 3)
  try {
    return await task()
  } finally {
    clearInterval(renew)
    if (readLease(storage)?.owner === owner) storage.removeItem(LEASE_KEY)
  }
}

let tail: Promise<unknown> = Promise.resolve()

/** Runs `task` when no other task, of this tab or of another, holds the outbox. */
export function withSendLock<T>(task: () => Promise<T>, storage: Storage = localStorage): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (locks) return locks.request(LOCK_NAME, () => task()) as Promise<T> // queued, also within the tab
  // A lease is the tab's, not the task's: this tab's tasks take turns before they ask for it.
  const run = tail.then(() => withLease(storage, task))
  tail = run.catch(() => undefined)
  return run
}
