import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { T0, emptyBoards, lap, mountOptions, runner, settings, ticket } from '@/components/stats/testing'
import i18n from '@/plugins/i18n'
import { useRaceStore } from '@/stores/race'

import StatsView from './StatsView.vue'

const clock = vi.hoisted(() => ({ now: null as unknown as { value: number } }))
vi.mock('@/composables/useServerClock', async () => {
  const { computed, ref: vueRef } = await import('vue')
  clock.now = vueRef(0)
  return { useServerClock: () => ({ serverNow: computed(() => clock.now.value) }) }
})

// No canvas in jsdom: the chart is a stand-in that shows how many points it got.
vi.mock('vue-chartjs', () => ({
  Scatter: defineComponent({
    props: { data: { type: Object, required: true }, options: { type: Object, required: true } },
    setup: (props) => () => h('canvas', { 'data-points': props.data.datasets[0].data.length }),
  }),
}))

const ann = runner(1, 'Ann')
const bob = runner(2, 'Bob', 'Claes', null)
const cas = runner(3, 'Cas')
const dirk = runner(4, 'Dirk')
const eva = runner(5, 'Eva')

function setup(fill = true) {
  const options = mountOptions()
  const race = useRaceStore()
  clock.now.value = T0 + 65_000
  if (fill) {
    race.state = {
      seq: 10,
      current: lap(9, ann, 0, null),
      queue: [ticket(1, bob, 0), ticket(2, cas, 1), ticket(3, dirk, 2), ticket(4, eva, 3)],
      recent: [lap(8, eva, -200, 150), lap(7, null, -400, 200), lap(6, cas, -600, 180)],
      settings: settings(),
    }
    race.totalLaps = 399
    race.averageLap = 130
    race.chart = [
      { lap: 6, end: new Date(T0 - 420_000).toISOString(), duration: 180 },
      { lap: 7, end: new Date(T0 - 200_000).toISOString(), duration: 200 },
      { lap: 8, end: new Date(T0 - 50_000).toISOString(), duration: 150 },
    ]
    race.boards = {
      ...emptyBoards(),
      fastest_lap: [
        { runner: eva, best: 101 },
        { runner: eva, best: 105 },
        { runner: cas, best: 110 },
        { runner: bob, best: 120 },
        { runner: ann, best: 130 },
      ],
      most_laps: [{ runner: dirk, laps: 12 }],
      most_points: [{ runner: bob, points: 44 }],
      groups: [
        { id: 1, name: 'Geos', points: 300 },
        { id: 2, name: 'Historia', points: 120 },
      ],
    }
  } else {
    race.state = { seq: 0, current: null, queue: [], recent: [], settings: settings() }
    race.boards = emptyBoards()
  }
  return { wrapper: mount(StatsView, options), race }
}

const texts = (wrapper: ReturnType<typeof mount>, test: string) =>
  wrapper.findAll(`[data-test="${test}"]`).map((w) => w.text())

describe('StatsView', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'en'
  })

  it('shows the current runner with a timer from the lap start on the server clock', async () => {
    const { wrapper } = setup()
    expect(wrapper.get('[data-test="current-runner"]').text()).toBe('Ann Peeters')
    expect(wrapper.get('[data-test="current-timer"]').text()).toBe('1:05')
    clock.now.value += 60_000
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-test="current-timer"]').text()).toBe('2:05')
  })

  it('says so when the running lap has no runner', async () => {
    const { wrapper, race } = setup()
    race.state = { ...race.state, current: lap(9, null, 0, null) }
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-test="current-runner"]').text()).toBe('Unassigned runner')
  })

  it('lists the next three in the queue and how many more wait', () => {
    const { wrapper } = setup()
    const next = texts(wrapper, 'queue-next-item')
    expect(next).toHaveLength(3)
    expect(next[0]).toContain('Bob Claes')
    expect(next[2]).toContain('Dirk Peeters')
    expect(wrapper.text()).toContain('+1 more waiting')
  })

  it('shows the last two laps with their times', () => {
    const { wrapper } = setup()
    const last = texts(wrapper, 'last-lap')
    expect(last).toHaveLength(2)
    expect(last[0]).toContain('Eva Peeters')
    expect(last[0]).toContain('2:30')
    expect(last[1]).toContain('Unassigned runner')
    expect(last[1]).toContain('3:20')
  })

  it('shows the total, the boards (each runner once) and the chart', async () => {
    const { wrapper } = setup()
    expect(wrapper.get('[data-test="total-laps"]').text()).toBe('399')
    const fastest = wrapper.get('[data-test="board-fastest"]').findAll('[data-test="ranking-row"]')
    expect(fastest.map((r) => r.text())).toEqual([
      expect.stringContaining('Eva Peeters'),
      expect.stringContaining('Cas Peeters'),
      expect.stringContaining('Bob Claes'),
    ])
    expect(fastest[0].text()).toContain('1:41')
    expect(wrapper.get('[data-test="board-most-laps"]').text()).toContain('12')
    expect(wrapper.get('[data-test="board-groups"]').text()).toMatch(/Geos.*300.*Historia.*120/)
    expect(wrapper.get('[data-test="jersey-points"]').text()).toContain('Bob Claes')
    await vi.dynamicImportSettled() // the chart's canvas is a chunk of its own
    await flushPromises()
    expect(wrapper.get('[data-test="lap-chart"] canvas').attributes('data-points')).toBe('3')
  })

  it('renders names as text, never as markup', () => {
    const { wrapper, race } = setup()
    race.state = { ...race.state, current: lap(9, runner(9, '<b>Bold</b>'), 0, null) }
    return wrapper.vm.$nextTick().then(() => {
      expect(wrapper.get('[data-test="current-runner"]').text()).toBe('<b>Bold</b> Peeters')
      expect(wrapper.find('[data-test="current-runner"] b').exists()).toBe(false)
    })
  })

  it('has a friendly line for every empty part', () => {
    const { wrapper } = setup(false)
    expect(wrapper.find('[data-test="current-runner"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="current-timer"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-test="queue-next-item"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-test="last-lap"]')).toHaveLength(0)
    expect(wrapper.get('[data-test="total-laps"]').text()).toBe('0')
    expect(wrapper.text()).toContain('No lap is running right now.')
    expect(wrapper.text()).toContain('Nobody in the queue yet')
    expect(wrapper.text()).toContain('No laps finished yet')
    expect(wrapper.get('[data-test="lap-chart"]').text()).toContain('The chart fills up')
    expect(wrapper.find('[data-test="lap-chart"] canvas').exists()).toBe(false)
  })

  it('speaks Dutch', async () => {
    const { wrapper } = setup()
    i18n.global.locale.value = 'nl'
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('Nu aan het lopen')
    expect(wrapper.text()).toContain('Rondes in totaal')
    expect(wrapper.text()).toContain('nog 1 wachtende')
  })
})
