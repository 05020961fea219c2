// Telling a USB barcode scanner from a person at the keyboard. A scanner types the card number as
// a burst of keystrokes a few milliseconds apart and ends it with Enter; a person types far
// slower. A burst that looks like a card number is a scan wherever the focus is: a scan that
// arrives while the registration form is open must never become a last name (SPEC section 5).

export const MAX_GAP_MS = 50 // between two keys of a burst (scanners: 5-20 ms; people: 80+ ms)
export const MIN_LENGTH = 6 // shorter than any student ID
const CARD = /^[a-z0-9]+$/i

export interface Key {
  key: string
  at: number // event.timeStamp or performance.now(), in ms
}

/** What a key did to the burst: still typing, a finished scan (with its text), or not a scan. */
export type Verdict = { scan: string } | null

export interface ScanDetector {
  /** Feed every keydown; returns the scan when this key (Enter) completes one. */
  key(event: Key): Verdict
  /** The keys of the burst so far (the caller takes them back out of the field they went into). */
  readonly pending: string
}

export function createScanDetector(maxGapMs = MAX_GAP_MS, minLength = MIN_LENGTH): ScanDetector {
  let burst = ''
  let last = -Infinity
  return {
    key({ key, at }: Key): Verdict {
      const gap = at - last
      last = at
      if (key === 'Enter') {
        const text = burst
        burst = ''
        return gap <= maxGapMs && text.length >= minLength && CARD.test(text) ? { scan: text } : null
      }
      if (key.length !== 1) {
        if (key !== 'Shift') burst = '' // arrows, Backspace, Tab: a person
        return null
      }
      burst = gap <= maxGapMs ? burst + key : key
      return null
    },
    get pending() {
      return burst
    },
  }
}
