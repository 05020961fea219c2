// The control page's rules, kept pure so they can be tested without a browser: which key does
// what, when a second click is the same press, when to warn about the queue or a lost runner.
import type { Lap } from '@/api/types'
import type { Press } from '@/lib/outbox'

import { formatClock } from './format'

export type ControlAction = 'advance' | 'undo'

export interface KeyInput {
  key: string
  repeat: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  target: EventTarget | null
}

const KEYS: Record<string, ControlAction> = {
  ' ': 'advance',
  Spacebar: 'advance',
  n: 'advance',
  N: 'advance',
  u: 'undo',
  U: 'undo',
  Backspace: 'undo',
}

// Inputs that are no text field: a Space or N there would toggle or click it, not type, so the
// shortcut wins (after clicking the rain switch, Space still records the lap).
const NOT_TEXT = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
])

/** True when the key goes into a text field (or a select, or anything editable): not ours. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; type?: string; isContentEditable?: boolean } | null
  if (!el || typeof el.tagName !== 'string') return false
  const tag = el.tagName.toUpperCase()
  if (tag === 'INPUT') return !NOT_TEXT.has((el.type ?? 'text').toLowerCase())
  return tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable === true
}

/** The press a key stands for, or null: held keys repeat, shortcuts with modifiers are the browser's. */
export function keyAction(event: KeyInput): ControlAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  if (isTyping(event.target)) return null
  const action = KEYS[event.key] ?? null
  if (action && event.repeat) return null
  return action
}

/** A shortcut key of ours that must not also do the browser's thing (scroll, go back, click). */
export function isShortcutKey(event: KeyInput): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target) && event.key in KEYS
}

/**
 * A double click is one press: a click within `windowMs` of the last accepted one of the same
 * kind is dropped. Two deliberate presses (further apart) both count.
 */
export function createPressGate(windowMs = 300) {
  const last = new Map<string, number>()
  return (kind: string, now: number): boolean => {
    const previous = last.get(kind)
    if (previous !== undefined && now - previous < windowMs) return false
    last.set(kind, now)
    return true
  }
}

export type QueueWarning = 'empty' | 'low' | null

/** Fewer than `low` runners waiting is a warning; none is a louder one (the next lap is unassigned). */
export function queueWarning(length: number, low = 3): QueueWarning {
  if (length === 0) return 'empty'
  return length < low ? 'low' : null
}

/** A running lap much longer than usual: the runner may be lost (or the press was missed). */
export function runnerMayBeLost(elapsed: number | null, averageLap: number | null, factor = 2): boolean {
  if (elapsed === null || !averageLap || averageLap <= 0) return false
  return elapsed > factor * averageLap
}

/** How long the refused lap would have lasted: press time minus the start of the lap it expected. */
export function tooSoonSeconds(press: Press, running: Lap | null): number | null {
  if (!running || running.id !== press.expectedLap) return null
  const seconds = (Date.parse(press.at) - Date.parse(running.start)) / 1000
  return Number.isFinite(seconds) ? Math.max(0, Math.round(seconds * 10) / 10) : null
}

/** +120 ms, −1.4 s: the clock offset as a person reads it. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '−' : '+'
  const abs = Math.abs(ms)
  return abs < 1000 ? `${sign}${Math.round(abs)} ms` : `${sign}${(abs / 1000).toFixed(1)} s`
}

/** 13:05:42 in the event's time zone: press times and lap ends need the seconds. */
export function formatTimeOfDay(iso: string | null | undefined, timeZone?: string, locale?: string): string {
  return formatClock(iso, timeZone, locale, true)
}
