// Generated from the API's OpenAPI schema (/api/schema/) by frontend/scripts/api-types.mjs: do not edit.
// After changing what the API answers: `make api-types` (or `cd frontend && npm run api:types`), and
// commit the result; `make lint` fails while it is stale.
export interface paths {
    "/api/auth/login/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["auth_login_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["auth_logout_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["auth_me_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/criteria/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["criteria_list"];
        put?: never;
        post: operations["criteria_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/criteria/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["criteria_retrieve"];
        put: operations["criteria_update"];
        post?: never;
        delete: operations["criteria_destroy"];
        options?: never;
        head?: never;
        patch: operations["criteria_partial_update"];
        trace?: never;
    };
    "/api/groups/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["groups_list"];
        put?: never;
        post: operations["groups_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/groups/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["groups_retrieve"];
        put: operations["groups_update"];
        post?: never;
        delete: operations["groups_destroy"];
        options?: never;
        head?: never;
        patch: operations["groups_partial_update"];
        trace?: never;
    };
    "/api/happy-hours/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["happy_hours_list"];
        put?: never;
        post: operations["happy_hours_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/happy-hours/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["happy_hours_retrieve"];
        put: operations["happy_hours_update"];
        post?: never;
        delete: operations["happy_hours_destroy"];
        options?: never;
        head?: never;
        patch: operations["happy_hours_partial_update"];
        trace?: never;
    };
    "/api/laps/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["laps_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/laps/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["laps_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/laps/{id}/assign/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["laps_assign_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/laps/{id}/confirm/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Staff vouch for a suspect lap (forced, or shorter than the plausible lap time): it counts as a fastest lap. */
        post: operations["laps_confirm_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/laps/advance/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["laps_advance_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/laps/current/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["laps_current_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/laps/reverse/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["laps_reverse_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/milestones/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["milestones_list"];
        put?: never;
        post: operations["milestones_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/milestones/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["milestones_retrieve"];
        put: operations["milestones_update"];
        post?: never;
        delete: operations["milestones_destroy"];
        options?: never;
        head?: never;
        patch: operations["milestones_partial_update"];
        trace?: never;
    };
    "/api/query/shift-runners/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["query_shift_runners_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/query/without-upcoming-shift/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["query_without_upcoming_shift_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queue/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["queue_list"];
        put?: never;
        post: operations["queue_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queue/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["queue_destroy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queue/{id}/move/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["queue_move_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/queue/{id}/skip/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["queue_skip_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/results/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["results_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rewards/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["rewards_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rewards/{id}/hand-out/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["rewards_hand_out_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runners/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["runners_list"];
        put?: never;
        post: operations["runners_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runners/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["runners_retrieve"];
        put: operations["runners_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["runners_partial_update"];
        trace?: never;
    };
    "/api/runners/{id}/summary/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["runners_summary_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runners/lookup/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The runner with this student ID (in the body: an ID never travels in a URL, SPEC section 7). */
        post: operations["runners_lookup_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["settings_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["settings_partial_update"];
        trace?: never;
    };
    "/api/shift-board/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["shift_board_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shifts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description POST /api/shifts/{id}/check-in/ on the shifts' viewset: staff check a runner in or out by hand. */
        get: operations["shifts_list"];
        put?: never;
        /** @description POST /api/shifts/{id}/check-in/ on the shifts' viewset: staff check a runner in or out by hand. */
        post: operations["shifts_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shifts/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description POST /api/shifts/{id}/check-in/ on the shifts' viewset: staff check a runner in or out by hand. */
        get: operations["shifts_retrieve"];
        /** @description POST /api/shifts/{id}/check-in/ on the shifts' viewset: staff check a runner in or out by hand. */
        put: operations["shifts_update"];
        post?: never;
        /** @description POST /api/shifts/{id}/check-in/ on the shifts' viewset: staff check a runner in or out by hand. */
        delete: operations["shifts_destroy"];
        options?: never;
        head?: never;
        /** @description POST /api/shifts/{id}/check-in/ on the shifts' viewset: staff check a runner in or out by hand. */
        patch: operations["shifts_partial_update"];
        trace?: never;
    };
    "/api/shifts/{id}/check-in/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description POST /api/shifts/{id}/check-in/ on the shifts' viewset: staff check a runner in or out by hand. */
        post: operations["shifts_check_in_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["stats_retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/universities/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["universities_list"];
        put?: never;
        post: operations["universities_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/universities/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["universities_retrieve"];
        put: operations["universities_update"];
        post?: never;
        delete: operations["universities_destroy"];
        options?: never;
        head?: never;
        patch: operations["universities_partial_update"];
        trace?: never;
    };
    "/api/events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The live events (server-sent events)
         * @description A stream of `text/event-stream` frames. First `event: stream-open` (data: StreamOpen), then each event as `event: <type>` / `id: race:<seq>` / `data: <RaceEvent as JSON>`; `event: keep-alive` when quiet, and `event: stream-reset` (data: StreamReset) when the seq asked for is gone: reload the snapshot. Resume with `?seq=<a snapshot's seq>` or Last-Event-ID.
         */
        get: operations["events_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description * `create` - create
         *     * `update` - update
         *     * `delete` - delete
         * @enum {string}
         */
        ActionEnum: "create" | "update" | "delete";
        /** @description Next lap's answer (a replay of the same key answers the same, with Idempotent-Replay: true). */
        Advance: {
            finished: components["schemas"]["Lap"] | null;
            /** @description Null after a stop. */
            started: components["schemas"]["Lap"] | null;
            seq: number;
        };
        AdvanceInputRequest: {
            /** @description A unique string (a UUID) per press or scan, sent again unchanged on a retry: the retry gets the first answer. It belongs to the user and to this exact request (another body with the same key is a 422). May come as the Idempotency-Key header instead; required for laps, optional for the queue. */
            idempotency_key?: string;
            /** @description The lap the client believes is running, or null. */
            expected_lap: number | null;
            /**
             * Format: date-time
             * @description The press time, on the server's clock.
             */
            at?: string | null;
            /**
             * @description Record a lap shorter than the minimum lap time.
             * @default false
             */
            force?: boolean;
            /**
             * @description Finish the running lap without starting another (race end).
             * @default false
             */
            stop?: boolean;
        };
        AssignInputRequest: {
            runner: number;
        };
        BestLapPlace: {
            /** @description The place; equal numbers share it (1, 2, 2, 4). */
            rank: number;
            runner: components["schemas"]["RunnerPublic"];
            /** Format: double */
            best: number;
        };
        BestLapRow: {
            runner: components["schemas"]["RunnerPublic"];
            /** Format: double */
            best: number;
        };
        BoardCheckIn: {
            runner: components["schemas"]["RunnerPublic"];
            /** Format: date-time */
            at: string;
            /** @description Checked in by hand by staff. */
            manual: boolean;
            /** @description False: checked in by hand for a shift that is not theirs. */
            in_shift: boolean;
        };
        BoardMissing: {
            runner: components["schemas"]["RunnerPublic"];
        };
        BoardShift: {
            id: number;
            name: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            when: components["schemas"]["WhenEnum"];
            checked_in: components["schemas"]["BoardCheckIn"][];
            /** @description The shift's runners not checked in, by group. */
            missing: components["schemas"]["BoardMissing"][];
        };
        ChartPoint: {
            lap: number;
            /** Format: date-time */
            end: string;
            /** Format: double */
            duration: number;
        };
        CheckInAnswer: {
            shift: number;
            runner: components["schemas"]["RunnerPublic"];
            checked_in: boolean;
            /** Format: date-time */
            at: string | null;
            seq: number;
        };
        CheckInInputRequest: {
            /** @description The runner's id. */
            runner: number;
            /**
             * @description false: check the runner out (undo a check-in).
             * @default true
             */
            checked_in?: boolean;
        };
        /** @description A runner checked in or out of a shift: counts only (who is in a shift is private); boards reload. */
        CheckedInEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "checked_in";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            shift: number;
            /** @description How many have checked in for the shift now. */
            checked_in: number;
            /** @description How many of the shift's runners have not. */
            missing: number;
        };
        Criterion: {
            readonly id: number;
            upper_limit: number;
            points: number;
            /** @description The base criterion gives the points of a lap that meets no upper limit. */
            base?: boolean;
        };
        CriterionRequest: {
            upper_limit: number;
            points: number;
            /** @description The base criterion gives the points of a lap that meets no upper limit. */
            base?: boolean;
        };
        CurrentLap: {
            lap: components["schemas"]["Lap"] | null;
            seq: number;
            /** Format: date-time */
            server_time: string;
        };
        /** @description A row of the reference data (or a runner) changed through the API or the admin. */
        DataChangedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "data_changed";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            /** @description The model's name in lower case, e.g. `group`. */
            model: string;
            id: number;
            action: components["schemas"]["ActionEnum"];
        };
        EnqueueInputRequest: {
            runner?: number;
            identification?: string;
            /** @description Insert at this place (staff); default: the tail. */
            position?: number;
            /** @description A unique string (a UUID) per press or scan, sent again unchanged on a retry: the retry gets the first answer. It belongs to the user and to this exact request (another body with the same key is a 422). May come as the Idempotency-Key header instead; required for laps, optional for the queue. */
            idempotency_key?: string;
        };
        /**
         * @description Every error: a sentence a person can act on, a machine-readable code, and what the code needs.
         *
         *     Refusals keep their structured fields: a client reads `elapsed`, never the sentence.
         */
        Error: {
            detail: string;
            code?: components["schemas"]["ErrorCodeEnum"];
            /** @description code `invalid`: the field errors. */
            errors?: unknown;
            /** @description code `invalid_identification`: the field to correct. */
            field?: string;
            /** @description code `unknown_runner`: the ID to register. */
            identification?: string;
            /**
             * Format: double
             * @description code `too_soon`: how long the lap would have lasted.
             */
            elapsed?: number;
            /**
             * Format: double
             * @description code `too_soon`: the minimum lap time.
             */
            min_lap_time?: number;
            /** @description code `stale_state`: the running lap now. */
            current?: components["schemas"]["Lap"] | null;
            /** @description code `stale_state`: the seq that lap is valid at. */
            seq?: number;
            /** @description code `already_queued`: the runner's 0-based place. */
            position?: number;
            /** @description code `already_queued`: the runner's waiting ticket. */
            ticket?: number;
            /** @description code `already_queued`: as a scan's. */
            check_ins?: components["schemas"]["ShiftCheckIn"][];
            /** @description code `already_queued`: as a scan's. */
            rewards_due?: components["schemas"]["Reward"][];
            /** @description Seconds to wait (also in Retry-After). */
            retry_after?: number;
        };
        /**
         * @description * `already_assigned` - already_assigned
         *     * `already_queued` - already_queued
         *     * `handed_out` - handed_out
         *     * `already_registered` - already_registered
         *     * `conflict` - conflict
         *     * `idempotency_key_reused` - idempotency_key_reused
         *     * `in_use` - in_use
         *     * `invalid_identification` - invalid_identification
         *     * `lap_running` - lap_running
         *     * `not_waiting` - not_waiting
         *     * `nothing_running` - nothing_running
         *     * `nothing_to_undo` - nothing_to_undo
         *     * `press_time_before_start` - press_time_before_start
         *     * `press_time_in_future` - press_time_in_future
         *     * `press_time_too_old` - press_time_too_old
         *     * `stale_state` - stale_state
         *     * `too_soon` - too_soon
         *     * `unknown_runner` - unknown_runner
         *     * `invalid` - invalid
         *     * `invalid_host` - invalid_host
         *     * `invalid_login` - invalid_login
         *     * `length_required` - length_required
         *     * `too_large` - too_large
         *     * `locked_out` - locked_out
         *     * `login_throttled` - login_throttled
         *     * `login_busy` - login_busy
         *     * `busy` - busy
         *     * `database_unavailable` - database_unavailable
         *     * `error` - error
         *     * `not_found` - not_found
         *     * `not_authenticated` - not_authenticated
         *     * `authentication_failed` - authentication_failed
         *     * `permission_denied` - permission_denied
         *     * `method_not_allowed` - method_not_allowed
         *     * `not_acceptable` - not_acceptable
         *     * `unsupported_media_type` - unsupported_media_type
         *     * `parse_error` - parse_error
         *     * `throttled` - throttled
         * @enum {string}
         */
        ErrorCodeEnum: "already_assigned" | "already_queued" | "handed_out" | "already_registered" | "conflict" | "idempotency_key_reused" | "in_use" | "invalid_identification" | "lap_running" | "not_waiting" | "nothing_running" | "nothing_to_undo" | "press_time_before_start" | "press_time_in_future" | "press_time_too_old" | "stale_state" | "too_soon" | "unknown_runner" | "invalid" | "invalid_host" | "invalid_login" | "length_required" | "too_large" | "locked_out" | "login_throttled" | "login_busy" | "busy" | "database_unavailable" | "error" | "not_found" | "not_authenticated" | "authentication_failed" | "permission_denied" | "method_not_allowed" | "not_acceptable" | "unsupported_media_type" | "parse_error" | "throttled";
        /**
         * @description Every event type.
         * @enum {string}
         */
        EventTypeEnum: "lap_started" | "lap_finished" | "lap_removed" | "lap_resumed" | "lap_assigned" | "lap_confirmed" | "queue_inserted" | "queue_moved" | "queue_removed" | "queue_reset" | "runner_changed" | "points_changed" | "data_changed" | "settings_changed" | "resync" | "checked_in" | "reward_due" | "reward_handed_out" | "reward_withdrawn";
        Group: {
            readonly id: number;
            /** @description Unique, ignoring case and accents. */
            name: string;
            happy_hours?: number[];
            /** @default 0 */
            readonly points: number;
        };
        GroupPlace: {
            id: number;
            name: string;
            rank: number;
            points: number;
            /** @description Laps run by the group's members. */
            laps: number;
            /** @description Members who ran at least one lap. */
            runners: number;
        };
        GroupPoints: {
            id: number;
            name: string;
            points: number;
        };
        GroupRef: {
            id: number;
            name: string;
        };
        GroupRequest: {
            /** @description Unique, ignoring case and accents. */
            name: string;
            happy_hours?: number[];
        };
        HappyHour: {
            readonly id: number;
            name: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            multiplier?: number;
            /** @description The base happy hour gives the multiplier outside every window. */
            base?: boolean;
            groups?: number[];
        };
        HappyHourRequest: {
            name: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            multiplier?: number;
            /** @description The base happy hour gives the multiplier outside every window. */
            base?: boolean;
            groups?: number[];
        };
        /** @description A lap (payloads.lap_payload); a running lap has no end, duration or points. */
        Lap: {
            id: number;
            /** @description Null for an unassigned lap (the queue was empty). */
            runner: components["schemas"]["RunnerPublic"] | null;
            ticket: number | null;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string | null;
            /** Format: double */
            duration: number | null;
            /** @description Null while running, and for laps finished after the leaderboard freeze. */
            points: number | null;
            raining: boolean;
            /** @description Forced or implausibly short, and not confirmed by staff. */
            suspect: boolean;
        };
        LapAssignedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "lap_assigned";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            lap: components["schemas"]["Lap"];
        };
        LapChange: {
            lap: components["schemas"]["Lap"];
            seq: number;
        };
        LapConfirmedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "lap_confirmed";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            lap: components["schemas"]["Lap"];
        };
        LapCountPlace: {
            /** @description The place; equal numbers share it (1, 2, 2, 4). */
            rank: number;
            runner: components["schemas"]["RunnerPublic"];
            laps: number;
        };
        LapCountRow: {
            runner: components["schemas"]["RunnerPublic"];
            laps: number;
        };
        /** @description A lap in /api/laps/, with how its points were made (null while running or hidden by the freeze). */
        LapDetail: {
            id: number;
            /** @description Null for an unassigned lap (the queue was empty). */
            runner: components["schemas"]["RunnerPublic"] | null;
            ticket: number | null;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string | null;
            /** Format: double */
            duration: number | null;
            /** @description Null while running, and for laps finished after the leaderboard freeze. */
            points: number | null;
            raining: boolean;
            /** @description Forced or implausibly short, and not confirmed by staff. */
            suspect: boolean;
            points_explanation: components["schemas"]["PointsExplanation"] | null;
        };
        LapFinishedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "lap_finished";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            lap: components["schemas"]["Lap"];
            /** @description The runner's best lap so far (suspect laps never are). */
            personal_best: boolean;
        };
        /** @description Undo: the running lap never happened. */
        LapRemovedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "lap_removed";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            lap: components["schemas"]["Lap"];
        };
        /** @description Undo: the previous lap runs again. */
        LapResumedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "lap_resumed";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            lap: components["schemas"]["Lap"];
        };
        /** @description A lap started (the head of the queue, or an unassigned lap when the queue was empty). */
        LapStartedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "lap_started";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            lap: components["schemas"]["Lap"];
        };
        Leaderboards: {
            fastest_lap: components["schemas"]["BestLapRow"][];
            most_laps: components["schemas"]["LapCountRow"][];
            most_points: components["schemas"]["PointsRow"][];
            first_year: components["schemas"]["PointsRow"][];
            /** @description Points earned at night or in the rain. */
            night_rain: components["schemas"]["PointsRow"][];
            groups: components["schemas"]["GroupPoints"][];
        };
        LoginInputRequest: {
            username: string;
            password: string;
        };
        LookupInputRequest: {
            /** @description The student ID from the card, as scanned. */
            identification: string;
        };
        /** @description Who is logged in, their roles (`anonymous`, `staff`, group names) and permission codenames. */
        Me: {
            user: components["schemas"]["User"] | null;
            roles: string[];
            permissions: string[];
        };
        Milestone: {
            readonly id: number;
            /** @description A runner's finished laps that earn the reward. */
            laps: number;
            /** @description What the runner gets, e.g. “a drink voucher”. */
            reward: string;
        };
        MilestoneRef: {
            id: number;
            laps: number;
            reward: string;
        };
        MilestoneRequest: {
            /** @description A runner's finished laps that earn the reward. */
            laps: number;
            /** @description What the runner gets, e.g. “a drink voucher”. */
            reward: string;
        };
        MoveInputRequest: {
            /** @description The new place, 0 = head. */
            position: number;
        };
        PaginatedCriterionList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["Criterion"][];
        };
        PaginatedGroupList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["Group"][];
        };
        PaginatedHappyHourList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["HappyHour"][];
        };
        PaginatedLapDetailList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["LapDetail"][];
        };
        PaginatedMilestoneList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["Milestone"][];
        };
        PaginatedRunnerList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["Runner"][];
        };
        PaginatedShiftList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["Shift"][];
        };
        PaginatedUniversityList: {
            /** @example 123 */
            count: number;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=4
             */
            next?: string | null;
            /**
             * Format: uri
             * @example http://api.example.org/accounts/?page=2
             */
            previous?: string | null;
            results: components["schemas"]["University"][];
        };
        PatchedCriterionRequest: {
            upper_limit?: number;
            points?: number;
            /** @description The base criterion gives the points of a lap that meets no upper limit. */
            base?: boolean;
        };
        PatchedGroupRequest: {
            /** @description Unique, ignoring case and accents. */
            name?: string;
            happy_hours?: number[];
        };
        PatchedHappyHourRequest: {
            name?: string;
            /** Format: date-time */
            start?: string;
            /** Format: date-time */
            end?: string;
            multiplier?: number;
            /** @description The base happy hour gives the multiplier outside every window. */
            base?: boolean;
            groups?: number[];
        };
        PatchedMilestoneRequest: {
            /** @description A runner's finished laps that earn the reward. */
            laps?: number;
            /** @description What the runner gets, e.g. “a drink voucher”. */
            reward?: string;
        };
        /** @description A runner as volunteers and staff see it (never shown to anonymous users). */
        PatchedRunnerRequest: {
            first_name?: string;
            last_name?: string;
            /** @description Student ID, lowercase and without spaces (e.g. r0123456). */
            identification?: string;
            university?: number;
            group?: number | null;
            test_time?: number | null;
            first_year?: boolean;
            shifts?: number[];
        };
        PatchedSettingsInputRequest: {
            title?: string;
            time_zone?: string;
            /** Format: date-time */
            race_start?: string | null;
            /** Format: date-time */
            race_end?: string | null;
            raining?: boolean;
            banner?: string;
            leaderboard_frozen?: boolean;
            reload_displays?: boolean;
            results_published?: boolean;
            min_lap_time?: number;
            plausible_lap_time?: number;
            press_time_window?: number;
            leaderboard_size?: number;
            night_start_hour?: number;
            night_end_hour?: number;
        };
        PatchedShiftRequest: {
            name?: string;
            /** Format: date-time */
            start?: string;
            /** Format: date-time */
            end?: string;
        };
        PatchedUniversityRequest: {
            name?: string;
            abbreviation?: string;
            /** @description A regular expression a student ID must match (lowercase), e.g. ^r\d{7}$. Empty: any ID. */
            student_id_pattern?: string;
            /** @description A valid student ID, shown in messages about a wrong one (e.g. r0123456). It must match the pattern. */
            student_id_example?: string;
        };
        /** @description Points moved: reload the boards (of one runner's laps with `runner`, else of everybody's). */
        PointsChangedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "points_changed";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            /** @description What moved them: a model's name, `membership` or `lap_assigned`. */
            reason: string;
            runner?: number;
        };
        PointsExplanation: {
            criterion: number | null;
            criterion_points: number;
            happy_hour: number | null;
            multiplier: number;
            points: number | null;
        };
        PointsPlace: {
            /** @description The place; equal numbers share it (1, 2, 2, 4). */
            rank: number;
            runner: components["schemas"]["RunnerPublic"];
            points: number;
        };
        PointsRow: {
            runner: components["schemas"]["RunnerPublic"];
            points: number;
        };
        Queue: {
            seq: number;
            count: number;
            results: components["schemas"]["Ticket"][];
        };
        QueueInsertedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "queue_inserted";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            ticket: components["schemas"]["Ticket"];
        };
        QueueMovedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "queue_moved";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            ticket: components["schemas"]["Ticket"];
            /** @description The place it had before. */
            from: number;
        };
        QueueRemovedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "queue_removed";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            ticket: components["schemas"]["RemovedTicket"];
            /** @description The place it had. */
            from: number;
        };
        /** @description Every waiting ticket was removed. */
        QueueResetEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "queue_reset";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            removed: number;
        };
        RaceEvent: components["schemas"]["LapStartedEvent"] | components["schemas"]["LapFinishedEvent"] | components["schemas"]["LapRemovedEvent"] | components["schemas"]["LapResumedEvent"] | components["schemas"]["LapAssignedEvent"] | components["schemas"]["LapConfirmedEvent"] | components["schemas"]["QueueInsertedEvent"] | components["schemas"]["QueueMovedEvent"] | components["schemas"]["QueueRemovedEvent"] | components["schemas"]["QueueResetEvent"] | components["schemas"]["RunnerChangedEvent"] | components["schemas"]["PointsChangedEvent"] | components["schemas"]["DataChangedEvent"] | components["schemas"]["SettingsChangedEvent"] | components["schemas"]["ResyncEvent"] | components["schemas"]["CheckedInEvent"] | components["schemas"]["RewardDueEvent"] | components["schemas"]["RewardHandedOutEvent"] | components["schemas"]["RewardWithdrawnEvent"];
        RemovedTicket: {
            id: number;
            runner: number;
        };
        /** @description The final standings (selectors.results): the leaderboards at full length, and every group. */
        Results: {
            title: string;
            time_zone: string;
            /** Format: date-time */
            race_start: string | null;
            /** Format: date-time */
            race_end: string | null;
            /** @description Whether everybody may see them. */
            published: boolean;
            /**
             * Format: date-time
             * @description The leaderboard freeze: the standings are those of this moment.
             */
            frozen_at: string | null;
            /** Format: date-time */
            generated_at: string;
            /** @description Places per board asked for; null: every runner. */
            top: number | null;
            totals: components["schemas"]["ResultsTotals"];
            boards: components["schemas"]["ResultsBoards"];
            groups: components["schemas"]["GroupPlace"][];
        };
        ResultsBoards: {
            fastest_lap: components["schemas"]["BestLapPlace"][];
            most_laps: components["schemas"]["LapCountPlace"][];
            most_points: components["schemas"]["PointsPlace"][];
            first_year: components["schemas"]["PointsPlace"][];
            /** @description Points earned at night or in the rain. */
            night_rain: components["schemas"]["PointsPlace"][];
        };
        ResultsTotals: {
            /** @description Finished laps, unassigned ones included. */
            laps: number;
            /** @description Runners with at least one lap. */
            runners: number;
            points: number;
            groups: number;
        };
        /** @description Rows changed in a way no precise event describes (a staff fix): reload the snapshot. */
        ResyncEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "resync";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            model: string;
            ids: number[];
            action: components["schemas"]["ActionEnum"];
        };
        /** @description Undo's answer: the running lap removed (if any) and the previous lap running again (if any). */
        Reverse: {
            removed: components["schemas"]["Lap"] | null;
            resumed: components["schemas"]["Lap"] | null;
            seq: number;
        };
        ReverseInputRequest: {
            /** @description A unique string (a UUID) per press or scan, sent again unchanged on a retry: the retry gets the first answer. It belongs to the user and to this exact request (another body with the same key is a 422). May come as the Idempotency-Key header instead; required for laps, optional for the queue. */
            idempotency_key?: string;
            expected_lap: number | null;
        };
        /** @description A milestone a runner reached: due until handed out. */
        Reward: {
            id: number;
            runner: components["schemas"]["RunnerPublic"];
            milestone: components["schemas"]["MilestoneRef"];
            /** @description The lap that reached it (null once it is gone). */
            lap: number | null;
            /** Format: date-time */
            reached_at: string;
            /** Format: date-time */
            handed_out_at: string | null;
            /** @description Handed out, but undo or a fix took its lap away. */
            unearned: boolean;
            /** @description The username of who handed it out. */
            handed_out_by: string | null;
        };
        /** @description A milestone a runner reached: due until handed out. */
        RewardChange: {
            id: number;
            runner: components["schemas"]["RunnerPublic"];
            milestone: components["schemas"]["MilestoneRef"];
            /** @description The lap that reached it (null once it is gone). */
            lap: number | null;
            /** Format: date-time */
            reached_at: string;
            /** Format: date-time */
            handed_out_at: string | null;
            /** @description Handed out, but undo or a fix took its lap away. */
            unearned: boolean;
            /** @description The username of who handed it out. */
            handed_out_by: string | null;
            seq: number;
        };
        /** @description A finished lap brought a runner to a milestone: screens show (and may celebrate) the reward. */
        RewardDueEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "reward_due";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            reward: components["schemas"]["RewardPublic"];
        };
        /** @description Staff handed the reward out (or a flagged reward was earned again). */
        RewardHandedOutEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "reward_handed_out";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            reward: components["schemas"]["RewardPublic"];
        };
        /** @description A milestone a runner reached: due until handed out. */
        RewardPublic: {
            id: number;
            runner: components["schemas"]["RunnerPublic"];
            milestone: components["schemas"]["MilestoneRef"];
            /** @description The lap that reached it (null once it is gone). */
            lap: number | null;
            /** Format: date-time */
            reached_at: string;
            /** Format: date-time */
            handed_out_at: string | null;
            /** @description Handed out, but undo or a fix took its lap away. */
            unearned: boolean;
        };
        /** @description Undo or a fix took the reward's lap away. */
        RewardWithdrawnEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "reward_withdrawn";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            reward: components["schemas"]["RewardPublic"];
            /** @description true: it was due and is gone; false: handed out, now flagged unearned. */
            deleted: boolean;
        };
        /** @description A runner as volunteers and staff see it (never shown to anonymous users). */
        Runner: {
            readonly id: number;
            first_name: string;
            last_name: string;
            /** @description Student ID, lowercase and without spaces (e.g. r0123456). */
            identification: string;
            university: number;
            group?: number | null;
            test_time?: number | null;
            first_year?: boolean;
            shifts?: number[];
            /** @default 0 */
            readonly points: number;
            /** Format: date-time */
            readonly registered_at: string;
            readonly group_detail: components["schemas"]["GroupRef"] | null;
        };
        RunnerChangedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "runner_changed";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            runner: components["schemas"]["RunnerPublic"];
        };
        /** @description A runner as everybody may see them (payloads.runner_public): never a student ID or a test time. */
        RunnerPublic: {
            id: number;
            first_name: string;
            last_name: string;
            university: number;
            group: components["schemas"]["GroupRef"] | null;
            first_year: boolean;
        };
        /** @description A runner as volunteers and staff see it (never shown to anonymous users). */
        RunnerRequest: {
            first_name: string;
            last_name: string;
            /** @description Student ID, lowercase and without spaces (e.g. r0123456). */
            identification: string;
            university: number;
            group?: number | null;
            test_time?: number | null;
            first_year?: boolean;
            shifts?: number[];
        };
        RunnerSummary: {
            runner: components["schemas"]["RunnerPublic"];
            lap_count: number;
            points: number;
            /** Format: double */
            best_lap: number | null;
            last_lap: components["schemas"]["Lap"] | null;
            group: components["schemas"]["GroupRef"] | null;
            /** @description The 0-based place in the queue, if waiting. */
            position: number | null;
            /** Format: date-time */
            estimated_start: string | null;
            running: boolean;
            /**
             * Format: double
             * @description Only for those who may see runners.
             */
            test_time?: number | null;
            /** @description Only for those who may see runners. */
            identification?: string;
        };
        /** @description A runner queued: the ticket, and what the kiosk tells them besides (SPEC section 5). */
        ScanAnswer: {
            id: number;
            runner: components["schemas"]["RunnerPublic"];
            position: number;
            /** Format: date-time */
            created_at: string;
            seq: number;
            check_ins: components["schemas"]["ShiftCheckIn"][];
            rewards_due: components["schemas"]["Reward"][];
        };
        /** @description The event settings as everybody sees them (selectors.settings_public). */
        Settings: {
            title: string;
            time_zone: string;
            /** Format: date-time */
            race_start: string | null;
            /** Format: date-time */
            race_end: string | null;
            raining: boolean;
            banner: string;
            leaderboard_frozen: boolean;
            /** Format: date-time */
            leaderboard_frozen_at: string | null;
            /** Format: double */
            min_lap_time: number;
            /** Format: double */
            plausible_lap_time: number;
            /** Format: double */
            press_time_window: number;
            leaderboard_size: number;
            night_start_hour: number;
            night_end_hour: number;
            reload_token: number;
            /** @description Everybody may see GET /api/results/ (staff always can). */
            results_published: boolean;
        };
        SettingsChangedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "settings_changed";
            /** @description Gap-free and increasing; also the SSE id (`race:<seq>`). */
            seq: number;
            settings: components["schemas"]["Settings"];
            /** @description The settings this change set. */
            changed: string[];
        };
        Shift: {
            readonly id: number;
            name: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
        };
        ShiftBoard: {
            /** Format: date-time */
            server_time: string;
            seq: number;
            /** @description The current shifts, then the next ones. */
            shifts: components["schemas"]["BoardShift"][];
        };
        /** @description A shift whose check-in window is open at a scan, with the runner's check-in for it. */
        ShiftCheckIn: {
            shift: components["schemas"]["ShiftRef"];
            /**
             * Format: date-time
             * @description When the runner checked in.
             */
            at: string;
            /** @description This scan checked them in (else an earlier one did). */
            new: boolean;
        };
        ShiftRef: {
            id: number;
            name: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
        };
        ShiftRequest: {
            name: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
        };
        SkipInputRequest: {
            /** @default 3 */
            places?: number;
        };
        /** @description Everything the Statistics page shows (selectors.stats_snapshot), valid from `seq`. */
        Stats: {
            /** @description Subscribe to /api/events/?seq=<this> to follow on from here. */
            seq: number;
            settings: components["schemas"]["Settings"];
            current: components["schemas"]["Lap"] | null;
            /** @description The first three waiting tickets. */
            queue: components["schemas"]["Ticket"][];
            queue_length: number;
            last_laps: components["schemas"]["Lap"][];
            total_laps: number;
            /**
             * Format: double
             * @description The median of the last 20 laps.
             */
            average_lap: number | null;
            leaderboards: components["schemas"]["Leaderboards"];
            chart: components["schemas"]["ChartPoint"][];
            /** Format: date-time */
            server_time: string;
        };
        /** @description The first frame (`event: stream-open`): the newest seq when the stream opened. */
        StreamOpen: {
            /** @description Once the backlog up to here is applied, the page is up to date. */
            newest: number;
        };
        /** @description `event: stream-reset`: the seq asked for is gone or too far back; reload the snapshot. */
        StreamReset: {
            channels: string[];
        };
        /** @description A waiting ticket (payloads.ticket_payload); `position` is its 0-based place in the queue. */
        Ticket: {
            id: number;
            runner: components["schemas"]["RunnerPublic"];
            position: number;
            /** Format: date-time */
            created_at: string;
        };
        /** @description A ticket after an insert, move or skip, with the seq of its event. */
        TicketChange: {
            id: number;
            runner: components["schemas"]["RunnerPublic"];
            position: number;
            /** Format: date-time */
            created_at: string;
            seq: number;
        };
        TicketRemoved: {
            id: number;
            seq: number;
        };
        University: {
            readonly id: number;
            name: string;
            abbreviation: string;
            /** @description A regular expression a student ID must match (lowercase), e.g. ^r\d{7}$. Empty: any ID. */
            student_id_pattern?: string;
            /** @description A valid student ID, shown in messages about a wrong one (e.g. r0123456). It must match the pattern. */
            student_id_example?: string;
        };
        UniversityRequest: {
            name: string;
            abbreviation: string;
            /** @description A regular expression a student ID must match (lowercase), e.g. ^r\d{7}$. Empty: any ID. */
            student_id_pattern?: string;
            /** @description A valid student ID, shown in messages about a wrong one (e.g. r0123456). It must match the pattern. */
            student_id_example?: string;
        };
        User: {
            id: number;
            username: string;
            first_name: string;
            last_name: string;
            is_staff: boolean;
            /** @description The admin's path (staff only). */
            admin_url?: string;
        };
        /**
         * @description * `current` - current
         *     * `next` - next
         * @enum {string}
         */
        WhenEnum: "current" | "next";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    auth_login_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_logout_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auth_me_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    criteria_list: {
        parameters: {
            query?: {
                /** @description A page number within the paginated result set. */
                page?: number;
                /** @description Number of results to return per page. */
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedCriterionList"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    criteria_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CriterionRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Criterion"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    criteria_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Criterion"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    criteria_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CriterionRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Criterion"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    criteria_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    criteria_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedCriterionRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Criterion"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    groups_list: {
        parameters: {
            query?: {
                /** @description A page number within the paginated result set. */
                page?: number;
                /** @description Number of results to return per page. */
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedGroupList"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    groups_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    groups_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    groups_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    groups_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    groups_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedGroupRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    happy_hours_list: {
        parameters: {
            query?: {
                /** @description A page number within the paginated result set. */
                page?: number;
                /** @description Number of results to return per page. */
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedHappyHourList"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    happy_hours_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HappyHourRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HappyHour"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    happy_hours_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HappyHour"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    happy_hours_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HappyHourRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HappyHour"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    happy_hours_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    happy_hours_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedHappyHourRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HappyHour"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    laps_list: {
        parameters: {
            query?: {
                finished?: boolean;
                finished_after?: string;
                finished_before?: string;
                /** @description A page number, from 1. */
                page?: number;
                /** @description Laps per page, 1 to 500 (default 100). */
                page_size?: number;
                raining?: boolean;
                runner?: number;
                started_after?: string;
                started_before?: string;
                unassigned?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedLapDetailList"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    laps_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LapDetail"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    laps_assign_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LapChange"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    laps_confirm_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LapChange"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    laps_advance_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description The idempotency key, instead of `idempotency_key` in the body (the same value if both). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdvanceInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Advance"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    laps_current_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentLap"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    laps_reverse_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description The idempotency key, instead of `idempotency_key` in the body (the same value if both). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReverseInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reverse"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    milestones_list: {
        parameters: {
            query?: {
                /** @description A page number within the paginated result set. */
                page?: number;
                /** @description Number of results to return per page. */
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedMilestoneList"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    milestones_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestoneRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    milestones_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    milestones_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MilestoneRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    milestones_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    milestones_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedMilestoneRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    query_shift_runners_list: {
        parameters: {
            query: {
                shift: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runner"][];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    query_without_upcoming_shift_list: {
        parameters: {
            query: {
                after: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runner"][];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queue_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queue"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queue_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description The idempotency key, instead of `idempotency_key` in the body (the same value if both). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EnqueueInputRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanAnswer"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    /** @description `true` when this is the stored answer to an earlier request with the same idempotency key. */
                    "Idempotent-Replay"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queue_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketRemoved"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queue_move_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketChange"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    queue_skip_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SkipInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketChange"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    results_retrieve: {
        parameters: {
            query?: {
                /** @description The answer's format. */
                format?: "csv" | "json" | "xlsx";
                /** @description Places per board; without it, every runner. */
                top?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Results"];
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rewards_list: {
        parameters: {
            query?: {
                /** @description 1: only rewards not handed out yet. */
                due?: boolean;
                /** @description Only this runner's rewards. */
                runner?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reward"][];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rewards_hand_out_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardChange"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runners_list: {
        parameters: {
            query?: {
                first_year?: boolean;
                group?: number;
                /** @description A page number within the paginated result set. */
                page?: number;
                /** @description Number of results to return per page. */
                page_size?: number;
                /** @description Words of a name or a student ID (at most 5 words, 100 characters); case and accents do not matter. */
                search?: string;
                university?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedRunnerList"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runners_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunnerRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runner"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runners_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runner"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runners_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunnerRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runner"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runners_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedRunnerRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runner"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runners_summary_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunnerSummary"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runners_lookup_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LookupInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runner"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    settings_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    settings_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedSettingsInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shift_board_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShiftBoard"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shifts_list: {
        parameters: {
            query?: {
                /** @description A page number within the paginated result set. */
                page?: number;
                /** @description Number of results to return per page. */
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedShiftList"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shifts_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShiftRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Shift"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shifts_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Shift"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shifts_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShiftRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Shift"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shifts_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shifts_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedShiftRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Shift"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    shifts_check_in_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckInInputRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckInAnswer"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    stats_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    universities_list: {
        parameters: {
            query?: {
                /** @description A page number within the paginated result set. */
                page?: number;
                /** @description Number of results to return per page. */
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaginatedUniversityList"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such page. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    universities_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UniversityRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["University"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An object the request names does not exist (for example an unknown student ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    universities_retrieve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["University"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    universities_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UniversityRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["University"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    universities_destroy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No response body */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    universities_partial_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PatchedUniversityRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["University"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This account may not do this, or the CSRF token is missing (session writes). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description There is no such object. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The race has moved on or the object is in use (the detail says what to do). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request cannot be applied as it is (for example an idempotency key used before). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    events_stream: {
        parameters: {
            query?: {
                /** @description Like the Last-Event-ID header: `race:<seq>`. */
                lastEventId?: string;
                /** @description Send the events after this seq (a snapshot's `seq`). */
                seq?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each frame's data is a RaceEvent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["RaceEvent"];
                };
            };
            /** @description The input is not valid (the detail says what to change). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not logged in, or wrong credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed logins (from this address or for this username); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database (or Redis) does not answer, or the server is busy checking logins; nothing was changed. Try again (Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
