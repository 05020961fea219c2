import { describe, expect, it } from 'vitest'

import { createScanDetector, MAX_GAP_MS } from './scanner'

function typeAt(detector: ReturnType<typeof createScanDetector>, text: string, start: number, gap: number) {
  let at = start
  for (const key of text) {
    expect(detector.key({ key, at })).toBeNull()
    at += gap
  }
  return detector.key({ key: 'Enter', at })
}

describe('createScanDetector', () => {
  it('recognises a card number typed as a burst and ended with Enter', () => {
    expect(typeAt(createScanDetector(), 'r0555555', 1000, 8)).toEqual({ scan: 'r0555555' })
  })

  it('takes a scan that follows what a person typed as a scan of its own', () => {
    const detector = createScanDetector()
    typeAt(detector, 'Jan', 0, 180) // a person typing a first name (no Enter)
    expect(typeAt(detector, 'R0555555', 5000, 10)).toEqual({ scan: 'R0555555' })
  })

  it('is not fooled by a person typing, however long the text', () => {
    expect(typeAt(createScanDetector(), 'r0555555', 0, 120)).toBeNull()
    expect(typeAt(createScanDetector(), 'Vermeulen', 0, MAX_GAP_MS + 30)).toBeNull()
  })

  it('needs the shape of a card: long enough, letters and digits only', () => {
    expect(typeAt(createScanDetector(), 'r05', 0, 5)).toBeNull()
    expect(typeAt(createScanDetector(), 'van dam', 0, 5)).toBeNull()
  })

  it('needs the Enter right after the burst', () => {
    const detector = createScanDetector()
    for (const [i, key] of [...'r0555555'].entries()) detector.key({ key, at: i * 5 })
    expect(detector.key({ key: 'Enter', at: 1000 })).toBeNull()
  })

  it('knows what the burst typed so far, to take it back out of a field', () => {
    const detector = createScanDetector()
    detector.key({ key: 'J', at: 0 })
    for (const [i, key] of [...'r055'].entries()) detector.key({ key, at: 500 + i * 5 })
    expect(detector.pending).toBe('r055')
  })
})
