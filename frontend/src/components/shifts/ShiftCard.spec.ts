import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'

import type { BoardShift, RunnerPublic } from '@/api/types'
import { mountOptions } from '@/components/stats/testing'
import i18n from '@/plugins/i18n'

import ShiftCard from './ShiftCard.vue'

const person = (id: number, first: string, group: { id: number; name: string } | null): RunnerPublic => ({
  id,
  first_name: first,
  last_name: 'Peeters',
  university: 1,
  group,
  first_year: false,
})
const geos = { id: 1, name: 'Geos' }
const apolloon = { id: 2, name: 'Apolloon' }

const shift: BoardShift = {
  id: 4,
  name: 'Night owls',
  start: '2026-03-14T01:00:00Z',
  end: '2026-03-14T03:00:00Z',
  when: 'current',
  checked_in: [
    { runner: person(1, 'Lotte', geos), at: '2026-03-14T00:45:00Z', manual: false, in_shift: true },
    { runner: person(2, 'Jonas', null), at: '2026-03-14T01:05:00Z', manual: true, in_shift: false },
  ],
  missing: [
    { runner: person(3, 'Zoë', geos) },
    { runner: person(4, 'Mo', apolloon) },
    { runner: person(5, 'Anna', geos) },
  ],
}

function mountCard(canCheckIn: boolean, pending = new Set<string>(), locale: 'en' | 'nl' = 'en') {
  const { global } = mountOptions()
  i18n.global.locale.value = locale
  return mount(ShiftCard, {
    props: { shift, timeZone: 'Europe/Brussels', canCheckIn, pending },
    global,
  })
}

describe('ShiftCard', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'en'
  })

  it('shows the shift’s window in the event’s time zone and how many have checked in', () => {
    const card = mountCard(false)
    expect(card.get('h2').text()).toBe('Night owls')
    expect(card.text()).toContain('Saturday 02:00–04:00')
    // Jonas is not in this shift: he does not count towards it.
    expect(card.get('[data-test="shift-counts"]').text()).toBe('1 of 4 checked in')
  })

  it('lists the check-ins latest first, with their time and markers', () => {
    const rows = mountCard(false).findAll('[data-test="checked-in-row"]')
    expect(rows.map((r) => r.text().split('\n')[0])).toHaveLength(2)
    expect(rows[0].text()).toContain('Jonas Peeters')
    expect(rows[0].text()).toContain('02:05')
    expect(rows[0].find('[data-test="by-hand"]').exists()).toBe(true)
    expect(rows[0].find('[data-test="not-in-shift"]').exists()).toBe(true)
    expect(rows[1].text()).toContain('Lotte Peeters')
    expect(rows[1].text()).toContain('01:45')
    expect(rows[1].find('[data-test="by-hand"]').exists()).toBe(false)
  })

  it('lists who is missing by group, so a group can be called', () => {
    const groups = mountCard(false).findAll('[data-test="missing-group"]')
    expect(groups.map((g) => g.text())).toEqual([
      expect.stringMatching(/^Apolloon \(1\)\s*Mo Peeters$/),
      expect.stringMatching(/^Geos \(2\)\s*Anna Peeters\s*Zoë Peeters$/),
    ])
  })

  it('has no buttons for the volunteer', () => {
    const card = mountCard(false)
    expect(card.find('[data-test="check-in"]').exists()).toBe(false)
    expect(card.find('[data-test="check-out"]').exists()).toBe(false)
  })

  it('lets staff check a runner in or out, with a button named after the runner', async () => {
    const card = mountCard(true, new Set(['4:5']))
    const checkIn = card.findAll('[data-test="check-in"]')
    expect(checkIn).toHaveLength(3)
    expect(checkIn[0].attributes('aria-label')).toBe('Check in Mo Peeters')
    await checkIn[0].trigger('click')
    await card.findAll('[data-test="check-out"]')[1].trigger('click')
    expect(card.emitted('checkIn')).toEqual([
      [4, 4, true],
      [4, 1, false],
    ])
    // Anna's check-in is on its way: her button shows it.
    expect(checkIn[1].classes()).toContain('v-btn--loading')
  })

  it('speaks Dutch', () => {
    const card = mountCard(true, new Set(), 'nl')
    expect(card.text()).toContain('zaterdag 02:00–04:00')
    expect(card.text()).toContain('met de hand')
    expect(card.text()).toContain('niet in deze shift')
    expect(card.get('[data-test="check-in"]').text()).toBe('Inchecken')
  })
})
