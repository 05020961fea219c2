// The control page's durable outbox: every press is kept (localStorage) until the server has
// answered it, and sent in order. A press made while offline carries its own press time; a
// press queued behind another learns which lap it expects from the answer to the one before.
// Every /control tab of the browser shares it: each press is stored on its own, and one tab at a
// time sends (lib/sendLock.ts), reading the outbox afresh before each press.

export type PressKind = 'advance' | 'reverse'

export interface Press {
  key: string // the idempotency key: the same on every retry
  kind: PressKind
  at: string // press time on the server's clock (ISO)
  expectedLap: number | null // null: the lap before it in the outbox decides (chained)
  chained: boolean
  force: boolean
  createdAt: number
}

export interface Storage {
  readonly length: number
  key(index: number): string | null
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

// Every press is a record of its own, so that two tabs never write over each other's presses;
// the outbox is all of them, read afresh, in the order they were pressed.
const PRESS_PREFIX = 'it24u.control.press.'
const LEGACY_KEY = 'it24u.control.outbox' // before: one list per browser, rewritten whole by each tab
const REFUSAL_KEY = 'it24u.control.refusal'

/** True for a storage key of the outbox or its refusal: another tab changed what this one shows. */
export function isOutboxKey(name: string | null): boolean {
  return name === null || name.startsWith(PRESS_PREFIX) || name === REFUSAL_KEY || name === LEGACY_KEY
}

function isPress(value: unknown): value is Press {
  const press = value as Press | null
  return (
    !!press &&
    typeof press.key === 'string' &&
    (press.kind === 'advance' || press.kind === 'reverse') &&
    typeof press.at === 'string'
  )
}

/** Sending order: by press time on the server's clock; one tab's presses in the order it made them. */
export function byPressTime(a: Press, b: Press): number {
  return a.at.localeCompare(b.at) || a.createdAt - b.createdAt || a.key.localeCompare(b.key)
}

/** Every press held in this browser, by any tab, in sending order. */
export function load(storage: Storage): Press[] {
  const presses: Press[] = []
  for (let i = 0; i < storage.length; i++) {
    const name = storage.key(i)
    if (!name?.startsWith(PRESS_PREFIX)) continue
    try {
      const press = JSON.parse(storage.getItem(name) ?? '')
      if (isPress(press)) presses.push(press)
    } catch {
      // a damaged record is no press
    }
  }
  return presses.sort(byPressTime)
}

export function put(storage: Storage, press: Press): void {
  storage.setItem(PRESS_PREFIX + press.key, JSON.stringify(press))
}

export function remove(storage: Storage, key: string): void {
  storage.removeItem(PRESS_PREFIX + key)
}

/** Presses kept by the version before this one (one list) become records of their own. */
export function migrateLegacy(storage: Storage): void {
  const raw = storage.getItem(LEGACY_KEY)
  if (raw === null) return
  try {
    const presses: unknown = JSON.parse(raw)
    if (Array.isArray(presses)) presses.filter(isPress).forEach((press) => put(storage, press))
  } catch {
    // nothing readable to keep
  }
  storage.removeItem(LEGACY_KEY)
}

/** The refusal the organiser has not answered yet (it outlives a reload, like the presses). */
export function loadRefusal<T>(storage: Storage): T | null {
  try {
    const raw = storage.getItem(REFUSAL_KEY)
    const parsed = raw ? JSON.parse(raw) : null
    return parsed && typeof parsed === 'object' ? (parsed as T) : null
  } catch {
    return null
  }
}

export function saveRefusal(storage: Storage, refusal: unknown): void {
  storage.setItem(REFUSAL_KEY, refusal ? JSON.stringify(refusal) : '')
}

/** A random UUID: the idempotency key of one action, sent again unchanged on every retry. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  // randomUUID exists in secure contexts only (HTTPS, localhost); a kiosk on plain http://<LAN IP>
  // still has getRandomValues: the same version-4 UUID from 16 random bytes.
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A new press: it expects the running lap the screen shows, unless presses are still waiting. */
export function makePress(
  kind: PressKind,
  pending: Press[],
  runningLap: number | null,
  serverNow: number,
  force = false,
): Press {
  const chained = pending.length > 0
  return {
    key: newKey(),
    kind,
    at: new Date(serverNow).toISOString(),
    expectedLap: chained ? null : runningLap,
    chained,
    force,
    createdAt: Date.now(),
  }
}

/**
 * The press `key` was answered: it leaves the outbox, and the press after it, if it was waiting
 * for that answer, now expects the lap the answer left running. Returns what is still held.
 */
export function settle(storage: Storage, key: string, runningAfter: number | null): Press[] {
  remove(storage, key)
  const rest = load(storage)
  if (rest.length && rest[0].chained) {
    rest[0] = { ...rest[0], expectedLap: runningAfter, chained: false }
    put(storage, rest[0])
  }
  return rest
}
