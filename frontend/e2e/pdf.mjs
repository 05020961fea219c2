// The text of each page of a PDF that Chromium printed (page.pdf), for tests to read without a PDF
// library: Chromium (Skia) writes plain objects, Flate-compressed content streams and Type0 fonts
// whose ToUnicode maps give back the characters of the glyphs each text operator shows.
import { inflateSync } from 'node:zlib'

function objects(pdf) {
  const found = new Map()
  for (const match of pdf.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) {
    const body = match[2]
    const start = body.indexOf('stream')
    let dict = body
    let stream = null
    if (start !== -1 && /^stream\r?\n/.test(body.slice(start))) {
      dict = body.slice(0, start)
      const from = start + (body[start + 6] === '\r' ? 8 : 7)
      const length = dict.match(/\/Length (\d+)(?! \d+ R)/)
      const raw = length
        ? body.slice(from, from + Number(length[1]))
        : body.slice(from, body.lastIndexOf('endstream'))
      const bytes = Buffer.from(raw, 'latin1')
      stream = /\/FlateDecode/.test(dict) ? inflateSync(bytes).toString('latin1') : raw
    }
    found.set(Number(match[1]), { dict, stream })
  }
  return found
}

const ref = (text, key) => Number(text.match(new RegExp(`/${key}\\s+(\\d+) 0 R`))?.[1])
const refs = (text) => [...text.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))

/** A ToUnicode CMap as glyph code (hex) → text. */
function cmap(text) {
  const map = new Map()
  const unicode = (hex) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, target] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(code, 16), unicode(target))
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, target] of block[1].matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g,
    )) {
      const first = parseInt(target, 16)
      for (let code = parseInt(from, 16); code <= parseInt(to, 16); code++)
        map.set(code, String.fromCodePoint(first + code - parseInt(from, 16)))
    }
  }
  return map
}

/** The fonts a page's resources name (/F1 …): each one's glyph map and code width (hex digits). */
function fonts(all, page) {
  let resources = page.dict
  const resourcesRef = ref(page.dict, 'Resources')
  if (resourcesRef) resources = all.get(resourcesRef).dict
  let fontDict = resources.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1]
  const fontRef = ref(resources, 'Font')
  if (!fontDict && fontRef) fontDict = all.get(fontRef).dict
  const maps = new Map()
  for (const [, name, id] of (fontDict ?? '').matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
    const font = all.get(Number(id)).dict
    const toUnicode = ref(font, 'ToUnicode')
    maps.set(name, {
      glyphs: toUnicode ? cmap(all.get(toUnicode).stream) : new Map(),
      width: /\/Subtype\s*\/Type0\b/.test(font) ? 4 : 2, // two-byte codes (Identity-H), else one
    })
  }
  return maps
}

/** What the text operators (Tj, TJ) of a content stream show, a space between them. */
function showText(content, maps) {
  let font = { glyphs: new Map(), width: 2 }
  const out = []
  const decode = (hex) => {
    let text = ''
    for (let i = 0; i < hex.length; i += font.width)
      text += font.glyphs.get(parseInt(hex.slice(i, i + font.width), 16)) ?? ''
    return text
  }
  const tokens = /\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g
  for (const [, name, array, single] of content.matchAll(tokens)) {
    if (name) font = maps.get(name) ?? { glyphs: new Map(), width: 2 }
    else if (array !== undefined)
      out.push([...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => decode(m[1])).join(''))
    else out.push(decode(single))
  }
  return out.join(' ')
}

/** The text of every page, in page order. */
export function pdfPages(buffer) {
  const all = objects(buffer.toString('latin1'))
  const root = [...all.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent\b/.test(o.dict))
  const order = []
  const walk = (node) => {
    for (const id of refs(node.dict.match(/\/Kids\s*\[([^\]]*)\]/)?.[1] ?? '')) {
      const kid = all.get(id)
      if (/\/Type\s*\/Pages\b/.test(kid.dict)) walk(kid)
      else order.push(kid)
    }
  }
  walk(root)
  return order.map((page) => {
    const maps = fonts(all, page)
    const contents = page.dict.match(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/)?.[1] ?? ''
    return refs(contents)
      .map((id) => showText(all.get(id).stream ?? '', maps))
      .join(' ')
  })
}
