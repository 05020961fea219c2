// Generated from the API's OpenAPI schema (/api/schema/) by frontend/scripts/api-types.mjs: do not edit.
// After changing what the API answers: `make api-types` (or `cd frontend && npm run api:types`), and
// commit the result; `make lint` fails while it is stale.
import type { components } from './schema'

/** A live event's type, as the server names it. */
export type EventType = components['schemas']['EventTypeEnum']

/** Every event type the server sends: the stream listens for exactly these. */
export const EVENT_TYPES = [
  'lap_started',
  'lap_finished',
  'lap_removed',
  'lap_resumed',
  'lap_assigned',
  'lap_confirmed',
  'queue_inserted',
  'queue_moved',
  'queue_removed',
  'queue_reset',
  'runner_changed',
  'points_changed',
  'data_changed',
  'settings_changed',
  'resync',
  'checked_in',
  'reward_due',
  'reward_handed_out',
  'reward_withdrawn',
] as const satisfies readonly EventType[]
