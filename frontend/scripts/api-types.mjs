// The app's API types, generated from the OpenAPI schema that Django describes (/api/schema/).
//
//   node scripts/api-types.mjs                  write src/api/schema.d.ts and src/api/eventTypes.ts
//   node scripts/api-types.mjs --check          fail when the committed files differ from the schema
//   node scripts/api-types.mjs --schema FILE    read the schema from FILE instead of asking Django
//
// Django is asked without a server (`manage.py spectacular`), with the project's .venv.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import openapiTS, { astToString } from 'openapi-typescript'

const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ROOT = resolve(FRONTEND, '..')
const TYPES = join(FRONTEND, 'src/api/schema.d.ts')
const EVENT_TYPES = join(FRONTEND, 'src/api/eventTypes.ts')
const EVENT_ENUM = 'EventTypeEnum'

const HEADER = `// Generated from the API's OpenAPI schema (/api/schema/) by frontend/scripts/api-types.mjs: do not edit.
// After changing what the API answers: \`make api-types\` (or \`cd frontend && npm run api:types\`), and
// commit the result; \`make lint\` fails while it is stale.
`

/** The OpenAPI schema as Django's drf-spectacular describes it (DEBUG=1: no production settings needed). */
function schemaFromDjango() {
  const python = join(ROOT, '.venv/bin/python')
  if (!existsSync(python)) throw new Error(`No ${relative(ROOT, python)}: run \`make install\` first.`)
  const dir = mkdtempSync(join(tmpdir(), 'it24u-schema-'))
  const file = join(dir, 'schema.json')
  try {
    execFileSync(python, ['manage.py', 'spectacular', '--format', 'openapi-json', '--file', file], {
      cwd: ROOT,
      env: { ...process.env, DEBUG: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    return JSON.parse(readFileSync(file, 'utf8'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Every file this script writes, by path: the types, and the one list of event types at run time. */
async function generate(schema) {
  // A default makes a field optional to send, not present in every answer: only `required` does.
  const types = astToString(await openapiTS(schema, { silent: true, defaultNonNullable: false }))
  const eventTypes = schema.components?.schemas?.[EVENT_ENUM]?.enum
  if (!Array.isArray(eventTypes) || eventTypes.length === 0) {
    throw new Error(`The schema has no components.schemas.${EVENT_ENUM}: the event types cannot be listed.`)
  }
  // Written as Prettier would (it checks this file); schema.d.ts is left as generated (.prettierignore).
  const list = `${HEADER}import type { components } from './schema'

/** A live event's type, as the server names it. */
export type EventType = components['schemas']['${EVENT_ENUM}']

/** Every event type the server sends: the stream listens for exactly these. */
export const EVENT_TYPES = [
${eventTypes.map((type) => `  '${type}',`).join('\n')}
] as const satisfies readonly EventType[]
`
  return { [TYPES]: HEADER + types, [EVENT_TYPES]: list }
}

function firstDifference(a, b) {
  const left = a.split('\n')
  const right = b.split('\n')
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] === right[i]) continue
    return { line: i + 1, committed: left[i] ?? '(end of file)', schema: right[i] ?? '(end of file)' }
  }
  return null
}

async function main() {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, schema: { type: 'string' } } })
  const schema = values.schema ? JSON.parse(readFileSync(values.schema, 'utf8')) : schemaFromDjango()
  const files = await generate(schema)
  if (!values.check) {
    for (const [file, text] of Object.entries(files)) writeFileSync(file, text)
    const written = Object.keys(files).map((file) => relative(ROOT, file))
    console.log(`Wrote ${written.join(' and ')}.`)
    return
  }
  const stale = []
  for (const [file, text] of Object.entries(files)) {
    let committed = ''
    try {
      committed = readFileSync(file, 'utf8')
    } catch {
      // a missing file is stale too
    }
    const difference = firstDifference(committed, text)
    if (difference) stale.push({ file: relative(ROOT, file), ...difference })
  }
  if (stale.length === 0) {
    console.log('The API types match the schema.')
    return
  }
  for (const { file, line, committed, schema: wanted } of stale) {
    console.error(
      `${file} is stale (line ${line}):\n  committed: ${committed.trim()}\n  schema:    ${wanted.trim()}`,
    )
  }
  console.error('The API changed: run `make api-types` (or `cd frontend && npm run api:types`) and commit.')
  process.exitCode = 1
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
