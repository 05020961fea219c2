import { describe, expect, it } from 'vitest'

import type { Ticket } from '@/api/types'

import { insertAt, moveIndex, queueKeyAction, removeTicket } from './queue'

const ticket = (id: number, position = 0): Ticket => ({
  id,
  position,
  created_at: '',
  runner: { id, first_name: `R${id}`, last_name: '', university: 1, group: null, first_year: false },
})
const ids = (tickets: Ticket[]) => tickets.map((t) => t.id)
const queue = [ticket(1, 0), ticket(2, 1), ticket(3, 2)]

describe('queue operations keep positions 0..n-1', () => {
  it('inserts at a position and clamps past the tail', () => {
    expect(ids(insertAt(queue, ticket(9), 1))).toEqual([1, 9, 2, 3])
    expect(ids(insertAt(queue, ticket(9), 99))).toEqual([1, 2, 3, 9])
    expect(insertAt(queue, ticket(9), 0).map((t) => t.position)).toEqual([0, 1, 2, 3])
  })

  it('treats an insert of a ticket it has as a move (events may repeat)', () => {
    expect(ids(insertAt(queue, ticket(3), 0))).toEqual([3, 1, 2])
  })

  it('removes by id, and ignores an unknown id', () => {
    expect(ids(removeTicket(queue, 2))).toEqual([1, 3])
    expect(removeTicket(queue, 42)).toBe(queue)
  })

  it('moves by index for drag and drop', () => {
    expect(ids(moveIndex(queue, 2, 0))).toEqual([3, 1, 2])
    expect(ids(moveIndex(queue, 0, 2))).toEqual([2, 3, 1])
    expect(moveIndex(queue, 1, 1)).toBe(queue)
  })
})

describe('keys on a focused queue card', () => {
  const alt = (key: string) => ({ key, altKey: true })

  it('open the quick information with Enter or Space, for everyone', () => {
    expect(queueKeyAction({ key: 'Enter' }, 2, 5, false)).toEqual({ kind: 'open' })
    expect(queueKeyAction({ key: ' ' }, 2, 5, true)).toEqual({ kind: 'open' })
  })

  it('move the focus with the arrows, Home and End, never past the ends', () => {
    expect(queueKeyAction({ key: 'ArrowDown' }, 2, 5, false)).toEqual({ kind: 'focus', to: 3 })
    expect(queueKeyAction({ key: 'ArrowUp' }, 0, 5, false)).toEqual({ kind: 'focus', to: 0 })
    expect(queueKeyAction({ key: 'Home' }, 3, 5, true)).toEqual({ kind: 'focus', to: 0 })
    expect(queueKeyAction({ key: 'End' }, 1, 5, true)).toEqual({ kind: 'focus', to: 4 })
  })

  it('move the card with Alt: one place up or down, or to the top or the bottom', () => {
    expect(queueKeyAction(alt('ArrowUp'), 2, 5, true)).toEqual({ kind: 'move', to: 1 })
    expect(queueKeyAction(alt('ArrowDown'), 2, 5, true)).toEqual({ kind: 'move', to: 3 })
    expect(queueKeyAction(alt('Home'), 2, 5, true)).toEqual({ kind: 'move', to: 0 })
    expect(queueKeyAction(alt('End'), 2, 5, true)).toEqual({ kind: 'move', to: 4 })
    expect(queueKeyAction(alt('ArrowDown'), 4, 5, true)).toEqual({ kind: 'move', to: 4 }) // stays last
  })

  it('ask for a place with M, for staff only', () => {
    expect(queueKeyAction({ key: 'm' }, 1, 5, true)).toEqual({ kind: 'place' })
    expect(queueKeyAction({ key: 'M' }, 1, 5, true)).toEqual({ kind: 'place' })
    expect(queueKeyAction({ key: 'm' }, 1, 5, false)).toBeNull()
  })

  it('leave everything else alone: moves without the permission, Ctrl and Cmd, other keys', () => {
    expect(queueKeyAction(alt('ArrowUp'), 2, 5, false)).toBeNull()
    expect(queueKeyAction({ key: 'ArrowUp', ctrlKey: true }, 2, 5, true)).toBeNull()
    expect(queueKeyAction({ key: 'Enter', metaKey: true }, 2, 5, true)).toBeNull()
    expect(queueKeyAction({ key: 'ArrowDown', shiftKey: true }, 2, 5, true)).toBeNull()
    expect(queueKeyAction(alt('Enter'), 2, 5, true)).toBeNull()
    expect(queueKeyAction({ key: 'Tab' }, 2, 5, true)).toBeNull()
    expect(queueKeyAction({ key: 'x' }, 2, 5, true)).toBeNull()
  })
})
