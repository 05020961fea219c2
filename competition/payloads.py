"""The public JSON shape of laps, tickets and runners, shared by API answers and event payloads.

Nothing here ever contains a student ID, a test time or shifts: events go to everybody.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from competition.models import EventSettings, Group, Lap, QueueTicket, Reward, Runner, Shift


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset of the event's time zone, as DRF writes datetimes."""
    return None if moment is None else timezone.localtime(moment).isoformat()


def seconds(delta) -> float | None:
    return None if delta is None else round(delta.total_seconds(), 3)


def group_ref(group: Group | None) -> dict | None:
    return None if group is None else {"id": group.pk, "name": group.name}


def runner_public(runner: Runner | None) -> dict | None:
    if runner is None:
        return None
    return {
        "id": runner.pk,
        "first_name": runner.first_name,
        "last_name": runner.last_name,
        "university": runner.university_id,
        "group": group_ref(runner.group),
        "first_year": runner.first_year,
    }


def lap_payload(
    lap: Lap, points: int | None = None, *, frozen_at: datetime | None = None, plausible: timedelta | None = None
) -> dict:
    """A lap; `points` comes from scoring.with_points (an annotated lap carries it itself).

    With `frozen_at` (the leaderboard freeze, for everybody but staff) a lap finished after it
    shows no points (SPEC section 4: nothing public reveals points earned after the freeze).
    `suspect` marks a finished lap kept off "fastest lap" until staff confirm it: from a lap
    annotated by selectors.with_review, else by the settings' `plausible` lap time (read here when
    the caller has not).
    """
    if points is None:
        points = getattr(lap, "points_value", None)
    if frozen_at is not None and lap.end is not None and lap.end > frozen_at:
        points = None
    suspect = getattr(lap, "suspect_value", None)
    if suspect is None and lap.end is not None:
        suspect = lap.is_suspect(plausible if plausible is not None else EventSettings.load().plausible_lap_time)
    return {
        "id": lap.pk,
        "runner": runner_public(lap.runner),
        "ticket": lap.ticket_id,
        "start": iso(lap.start),
        "end": iso(lap.end),
        "duration": seconds(lap.duration),
        "points": points if lap.end else None,
        "raining": lap.raining,
        "suspect": bool(suspect),
    }


def ticket_payload(ticket: QueueTicket, position: int) -> dict:
    return {
        "id": ticket.pk,
        "runner": runner_public(ticket.runner),
        "position": position,
        "created_at": iso(ticket.created_at),
    }


def shift_ref(shift: Shift) -> dict:
    return {"id": shift.pk, "name": shift.name, "start": iso(shift.start), "end": iso(shift.end)}


def reward_payload(reward: Reward, *, private: bool = False) -> dict:
    """A reward with its runner and milestone; `private` (staff and the kiosk) adds who handed it out."""
    milestone = reward.milestone
    payload = {
        "id": reward.pk,
        "runner": runner_public(reward.runner),
        "milestone": {"id": milestone.pk, "laps": milestone.laps, "reward": milestone.reward},
        "lap": reward.lap_id,
        "reached_at": iso(reward.reached_at),
        "handed_out_at": iso(reward.handed_out_at),
        "unearned": reward.unearned,
    }
    if private:
        by = reward.handed_out_by
        payload["handed_out_by"] = by.get_username() if by is not None else None
    return payload
