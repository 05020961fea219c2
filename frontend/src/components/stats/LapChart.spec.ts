import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { describe, expect, it, vi } from 'vitest'

import LapChart from './LapChart.vue'
import { mountOptions } from './testing'

const seen = vi.hoisted(() => ({ props: null as null | { data: unknown; options: unknown } }))
vi.mock('vue-chartjs', () => ({
  Scatter: defineComponent({
    props: { data: { type: Object, required: true }, options: { type: Object, required: true } },
    setup: (props) => {
      seen.props = props as never
      return () => h('canvas')
    },
  }),
}))

interface Axis {
  min: number
  max: number
  ticks: { callback: (value: number) => string }
  afterBuildTicks: (axis: { min: number; max: number; ticks: { value: number }[] }) => void
}

/** The canvas is an async component (Chart.js is a chunk of its own): wait until it is there. */
async function drawn() {
  await vi.dynamicImportSettled()
  await flushPromises()
}

describe('LapChart', () => {
  const points = [
    { lap: 1, end: '2026-05-01T09:58:00Z', duration: 125 },
    { lap: 2, end: '2026-05-01T12:10:00Z', duration: 190 },
  ]

  it('plots time of day against lap time, with round ticks in the event time zone', async () => {
    const { global } = mountOptions()
    mount(LapChart, { props: { points, timeZone: 'Europe/Brussels' }, global })
    await drawn()
    const data = seen.props!.data as { datasets: { data: { x: number; y: number }[] }[] }
    expect(data.datasets[0].data).toEqual([
      { x: Date.parse(points[0].end), y: 125, duration: 125, offScale: false },
      { x: Date.parse(points[1].end), y: 190, duration: 190, offScale: false },
    ])
    const { x, y } = (seen.props!.options as { scales: { x: Axis; y: Axis } }).scales
    expect(x.ticks.callback(Date.parse('2026-05-01T10:00:00Z'))).toBe('12:00')
    expect(y.ticks.callback(150)).toBe('2:30')
    const axis = { min: x.min, max: x.max, ticks: [] as { value: number }[] }
    x.afterBuildTicks(axis)
    // two hours of data, half-hour steps, only on the half hour
    expect(axis.ticks.map((tick) => new Date(tick.value).toISOString().slice(11, 16))).toEqual([
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '12:00',
    ])
  })

  it('draws a twenty-minute lap on the top edge as a triangle that says its time', async () => {
    const laps = Array.from({ length: 20 }, (_, i) => ({
      lap: i + 1,
      end: new Date(Date.parse('2026-05-01T10:00:00Z') + i * 200_000).toISOString(),
      duration: i === 12 ? 1200 : 170 + (i % 4) * 10,
    }))
    const { global } = mountOptions()
    mount(LapChart, { props: { points: laps, timeZone: 'UTC' }, global })
    await drawn()
    const data = seen.props!.data as {
      datasets: { data: { y: number; duration: number }[]; pointStyle: string[] }[]
    }
    const { y } = (seen.props!.options as { scales: { y: Axis } }).scales
    expect(y.max).toBe(220)
    const dataset = data.datasets[0]
    expect(dataset.data[12]).toMatchObject({ y: 220, duration: 1200 })
    expect(dataset.pointStyle[12]).toBe('triangle')
    expect(dataset.pointStyle.filter((style) => style === 'triangle')).toHaveLength(1)
    const options = seen.props!.options as {
      plugins: { tooltip: { callbacks: { label: (item: unknown) => string } } }
    }
    const label = options.plugins.tooltip.callbacks.label({ raw: dataset.data[12] })
    expect(label).toBe('10:40 · 20:00 (off the scale)')
  })

  it('shows a friendly line instead of an empty chart', () => {
    const { global } = mountOptions()
    const wrapper = mount(LapChart, { props: { points: [] }, global })
    expect(wrapper.find('canvas').exists()).toBe(false)
    expect(wrapper.get('[data-test="lap-chart"]').text()).toContain('The chart fills up as laps are run.')
  })
})
