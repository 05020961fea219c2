// The control page's durable outbox: every press is kept (localStorage) until the server has
// answered it, and sent in order. A press made while offline carries its own press time; a
// press queued behind another learns which lap it expects from the answer to the one before.

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
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

const STORAGE_KEY = 'it24u.control.outbox'
const REFUSAL_KEY = 'it24u.control.refusal'

export function load(storage: Storage): Press[] {
  try {
    const raw = storage.getItem(STORAGE_KEY)
    const parsed = raw ? JSON.parse(raw) : []
    return Array.isArray(parsed) ? parsed : []
  } catch {
    return []
  }
}

export function save(storage: Storage, presses: Press[]): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(presses))
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

/** After the head press was answered: the next one expects the lap that answer left running. */
export function settleHead(pending: Press[], runningAfter: number | null): Press[] {
  const [, ...rest] = pending
  if (rest.length && rest[0].chained) rest[0] = { ...rest[0], expectedLap: runningAfter, chained: false }
  return rest
}
