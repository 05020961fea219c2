// The queue as a list of tickets with 0-based positions; pure operations used by the store.
import type { Ticket } from '@/api/types'

function renumber(tickets: Ticket[]): Ticket[] {
  return tickets.map((t, i) => (t.position === i ? t : { ...t, position: i }))
}

export function insertAt(tickets: Ticket[], ticket: Ticket, position: number): Ticket[] {
  const rest = tickets.filter((t) => t.id !== ticket.id)
  const at = Math.max(0, Math.min(position, rest.length))
  return renumber([...rest.slice(0, at), ticket, ...rest.slice(at)])
}

export function removeTicket(tickets: Ticket[], id: number): Ticket[] {
  return tickets.some((t) => t.id === id) ? renumber(tickets.filter((t) => t.id !== id)) : tickets
}

/** Move the ticket at index `from` to index `to` (drag and drop). */
export function moveIndex(tickets: Ticket[], from: number, to: number): Ticket[] {
  if (from === to || from < 0 || from >= tickets.length) return tickets
  const copy = [...tickets]
  const [moved] = copy.splice(from, 1)
  copy.splice(Math.max(0, Math.min(to, copy.length)), 0, moved)
  return renumber(copy)
}

/** What a key pressed on a focused queue card asks for (null: not a queue key). */
export type QueueKeyAction =
  | { kind: 'open' } // the quick information
  | { kind: 'focus'; to: number } // another card
  | { kind: 'move'; to: number } // this card to index `to` (may be where it is: at an end)
  | { kind: 'place' } // ask for a place to move it to

export interface QueueKey {
  key: string
  altKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
  shiftKey?: boolean
}

/**
 * Keys on the card at `index` of `count`: Enter or Space opens it; arrows, Home and End move the
 * focus; with Alt (staff only) they move the card instead, one place or to the top or bottom; M asks
 * for a place. Ctrl and Cmd combinations stay the browser's.
 */
export function queueKeyAction(
  event: QueueKey,
  index: number,
  count: number,
  canMove: boolean,
): QueueKeyAction | null {
  if (event.ctrlKey || event.metaKey) return null
  const targets: Record<string, number> = {
    ArrowUp: index - 1,
    ArrowDown: index + 1,
    Home: 0,
    End: count - 1,
  }
  const target = targets[event.key]
  const to = target === undefined ? undefined : Math.max(0, Math.min(target, count - 1))
  if (event.altKey) {
    if (!canMove || to === undefined || event.shiftKey) return null
    return { kind: 'move', to }
  }
  if (event.shiftKey) return null
  if (event.key === 'Enter' || event.key === ' ') return { kind: 'open' }
  if (to !== undefined) return { kind: 'focus', to }
  if (canMove && (event.key === 'm' || event.key === 'M')) return { kind: 'place' }
  return null
}
