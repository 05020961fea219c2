import { describe, expect, it } from 'vitest'

import type { Ticket } from '@/api/types'

import { insertAt, moveIndex, removeTicket } from './queue'

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
