// Fixtures and mount options shared by the statistics and full-screen specs (never imported by the app).
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { Plugin } from 'vue'
import { createVuetify } from 'vuetify'
import * as components from 'vuetify/components'
import * as directives from 'vuetify/directives'

import type { EventSettings, Lap, Leaderboards, RunnerPublic, Ticket } from '@/api/types'
import i18n from '@/plugins/i18n'

export const T0 = Date.parse('2026-05-01T12:00:00Z')

export function runner(
  id: number,
  first: string,
  last = 'Peeters',
  group: string | null = 'Geos',
): RunnerPublic {
  return {
    id,
    first_name: first,
    last_name: last,
    university: 1,
    group: group ? { id: id * 10, name: group } : null,
    first_year: false,
  }
}

export function lap(
  id: number,
  who: RunnerPublic | null,
  startOffsetS: number,
  duration: number | null,
): Lap {
  const start = T0 + startOffsetS * 1000
  return {
    id,
    runner: who,
    ticket: null,
    start: new Date(start).toISOString(),
    end: duration === null ? null : new Date(start + duration * 1000).toISOString(),
    duration,
    points: duration === null ? null : 4,
    raining: false,
    suspect: false,
  }
}

export function ticket(id: number, who: RunnerPublic, position: number): Ticket {
  return { id, runner: who, position, created_at: new Date(T0).toISOString() }
}

export function settings(overrides: Partial<EventSettings> = {}): EventSettings {
  return {
    title: 'Test run',
    time_zone: 'UTC',
    race_start: null,
    race_end: null,
    raining: false,
    banner: '',
    leaderboard_frozen: false,
    leaderboard_frozen_at: null,
    min_lap_time: 30,
    plausible_lap_time: 60,
    press_time_window: 900,
    leaderboard_size: 3,
    night_start_hour: 22,
    night_end_hour: 6,
    reload_token: 0,
    results_published: false,
    ...overrides,
  }
}

export function emptyBoards(): Leaderboards {
  return { fastest_lap: [], most_laps: [], most_points: [], first_year: [], night_rain: [], groups: [] }
}

/** A fresh Pinia (active), Vuetify without its CSS, and the app's i18n in English. */
export function mountOptions(): { pinia: Pinia; global: { plugins: Plugin[] } } {
  const pinia = createPinia()
  setActivePinia(pinia)
  i18n.global.locale.value = 'en'
  const vuetify = createVuetify({ components, directives, theme: { defaultTheme: 'dark' } })
  return { pinia, global: { plugins: [vuetify, i18n, pinia] } }
}
