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
