// Small builders of API objects for the specs.
import type { RunnerPublic, Ticket } from '@/api/types'

export const runner = (id: number, lastName = ''): RunnerPublic => ({
  id,
  first_name: `R${id}`,
  last_name: lastName,
  university: 1,
  group: null,
  first_year: false,
})

export const ticket = (id: number, position: number): Ticket => ({
  id,
  position,
  created_at: '',
  runner: runner(id),
})

export const ids = (tickets: { id: number }[]) => tickets.map((t) => t.id)
