"""Milestone rewards (SPEC section 5): due when a finished lap brings a runner to a milestone.

Rewards follow the finished laps: every write that changes a runner's count of finished laps
(next lap, undo, assigning a lap, staff's lap fixes) calls rewards_sync for the runners it touched,
under the race lock. A reward not handed out goes when its lap goes; one handed out stays,
flagged `unearned`. A milestone's change recomputes everybody in a fixed number of statements.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from competition import events
from competition.errors import DomainError, NotFound
from competition.event_payloads import EventType
from competition.models import Lap, Milestone, Reward
from competition.payloads import reward_payload
from competition.services.common import audit, check_rules, race_lock


def _with_relations():
    return Reward.objects.select_related("runner__group", "milestone", "handed_out_by")


def rewards_sync(runner_ids: Iterable[int | None] | None, *, announce: bool = True) -> int | None:
    """Make the rewards of these runners (None: everybody) agree with their finished laps.

    A fixed number of statements whatever the number of runners: the lap counts, the rewards, the
    laps that reached the new ones and those of the rewards due, then one insert, one delete and a
    few updates. Call under the
    race lock. With `announce`, each reward that became due or was taken back is an event (a lap's
    change touches one or two runners); a milestone's change announces itself once instead.
    Returns the seq of the last event it published, or None.
    """
    finished = Lap.objects.filter(end__isnull=False, runner__isnull=False)
    rewards = _with_relations()
    if runner_ids is not None:
        runner_ids = {pk for pk in runner_ids if pk is not None}
        if not runner_ids:
            return None
        finished = finished.filter(runner_id__in=runner_ids)
        rewards = rewards.filter(runner_id__in=runner_ids)
    milestones = list(Milestone.objects.all())
    counts = dict(finished.order_by().values("runner_id").annotate(n=Count("id")).values_list("runner_id", "n"))
    existing = {(reward.runner_id, reward.milestone_id): reward for reward in rewards}

    reached = [
        (runner_id, milestone)
        for runner_id, count in counts.items()
        for milestone in milestones
        if count >= milestone.laps and (runner_id, milestone.pk) not in existing
    ]
    created = _create(finished, reached)
    _repoint(finished, existing.values(), counts)

    taken, flagged, earned_again = [], [], []
    for (runner_id, _), reward in existing.items():
        if counts.get(runner_id, 0) < reward.milestone.laps:
            if reward.handed_out_at is None:
                taken.append(reward)
            elif not reward.unearned:
                flagged.append(reward)
        elif reward.unearned:
            earned_again.append(reward)
    if taken:
        Reward.objects.filter(pk__in=[reward.pk for reward in taken]).delete()
    if flagged:
        Reward.objects.filter(pk__in=[reward.pk for reward in flagged]).update(unearned=True)
    if earned_again:
        Reward.objects.filter(pk__in=[reward.pk for reward in earned_again]).update(unearned=False)
    if not announce:
        return None
    seq = None
    for reward in _with_relations().filter(pk__in=[reward.pk for reward in created]).order_by("milestone__laps"):
        seq = events.emit(EventType.REWARD_DUE, reward=reward_payload(reward))
    for reward in taken:
        seq = events.emit(EventType.REWARD_WITHDRAWN, reward=reward_payload(reward), deleted=True)
    for reward in flagged:
        reward.unearned = True
        seq = events.emit(EventType.REWARD_WITHDRAWN, reward=reward_payload(reward), deleted=False)
    for reward in earned_again:
        reward.unearned = False
        seq = events.emit(EventType.REWARD_HANDED_OUT, reward=reward_payload(reward))
    return seq


def _nth_laps(finished, reached: list[tuple[int, Milestone]]) -> dict[tuple[int, int], tuple]:
    """(runner, n): the id and end of the runner's n-th finished lap by its end, for each pair reached."""
    ranked = (
        finished.filter(runner_id__in={runner_id for runner_id, _ in reached})
        .annotate(rank=Window(RowNumber(), partition_by=[F("runner_id")], order_by=[F("end").asc(), F("id").asc()]))
        .filter(rank__in={milestone.laps for _, milestone in reached})
        .values_list("runner_id", "rank", "id", "end")
    )
    return {(runner_id, rank): (lap_id, end) for runner_id, rank, lap_id, end in ranked}


def _repoint(finished, rewards: Iterable[Reward], counts: dict[int, int]) -> None:
    """A due reward still reached whose lap is no longer a finished lap of the runner's points to the one that is.

    An older lap assigned to the runner, then undo resumes the lap that had reached the milestone:
    the runner still has the laps, so the reward stays due, but with that (now running) lap.
    """
    due = [r for r in rewards if r.handed_out_at is None and counts.get(r.runner_id, 0) >= r.milestone.laps]
    if not due:
        return
    kept = set(finished.filter(pk__in={r.lap_id for r in due}).values_list("id", "runner_id"))
    stale = [r for r in due if (r.lap_id, r.runner_id) not in kept]
    if not stale:
        return
    nth = _nth_laps(finished, [(r.runner_id, r.milestone) for r in stale])
    for reward in stale:
        reward.lap_id, reward.reached_at = nth[(reward.runner_id, reward.milestone.laps)]
    Reward.objects.bulk_update(stale, ["lap", "reached_at"])


def _create(finished, reached: list[tuple[int, Milestone]]) -> list[Reward]:
    """The new rewards, each with the lap that reached it: the runner's n-th finished lap by its end."""
    if not reached:
        return []
    nth = _nth_laps(finished, reached)
    new = []
    for runner_id, milestone in reached:
        lap_id, end = nth[(runner_id, milestone.laps)]
        new.append(Reward(runner_id=runner_id, milestone=milestone, lap_id=lap_id, reached_at=end))
    return Reward.objects.bulk_create(new)  # with their ids (PostgreSQL, and SQLite 3.35+, return them)


def reward_hand_out(*, by, reward_id: int) -> dict:
    """Staff gave the runner the reward: who and when. Again (a double click) answers the same."""
    with transaction.atomic():
        race_lock()  # undo cannot take the reward back halfway
        reward = Reward.objects.select_for_update().filter(pk=reward_id).first()
        if reward is None:
            raise NotFound(f"There is no reward {reward_id}.")
        if reward.handed_out_at is None:
            reward.handed_out_at = timezone.now()
            reward.handed_out_by = by if getattr(by, "is_authenticated", False) else None
            reward.save(update_fields=["handed_out_at", "handed_out_by"])
            reward = _with_relations().get(pk=reward.pk)
            seq = events.emit(EventType.REWARD_HANDED_OUT, reward=reward_payload(reward))
            audit(
                by=by,
                action="hand_out",
                target=reward,
                details={"runner": reward.runner_id, "milestone": reward.milestone_id},
            )
        else:
            reward = _with_relations().get(pk=reward.pk)
            seq = events.current_seq()
    return {**reward_payload(reward, private=True), "seq": seq}


# Milestones: staff's reference data, with the rewards recomputed in the same transaction.


def _milestone_changed(milestone: Milestone, *, by, action: str, details: dict) -> None:
    events.emit(EventType.DATA_CHANGED, model="milestone", id=milestone.pk, action=action)
    audit(by=by, action=action, target=milestone, details=details)


def milestone_create(*, by, laps: int, reward: str) -> Milestone:
    with transaction.atomic():
        race_lock()
        milestone = Milestone(laps=laps, reward=reward)
        check_rules(milestone)
        milestone.save()
        rewards_sync(None, announce=False)
        _milestone_changed(milestone, by=by, action="create", details={"laps": laps, "reward": reward})
    return milestone


def milestone_update(*, by, milestone_id: int, **changes) -> Milestone:
    """Change a milestone's lap count or reward; a new lap count recomputes who is due."""
    assert not set(changes) - {"laps", "reward"}, f"not editable: {set(changes) - {'laps', 'reward'}}"
    with transaction.atomic():
        race_lock()
        milestone = Milestone.objects.select_for_update().filter(pk=milestone_id).first()
        if milestone is None:
            raise NotFound(f"There is no milestone {milestone_id}.")
        changed = {name: value for name, value in changes.items() if getattr(milestone, name) != value}
        if not changed:
            return milestone
        for name, value in changed.items():
            setattr(milestone, name, value)
        check_rules(milestone)
        milestone.save(update_fields=list(changed))
        if "laps" in changed:
            # The rewards not handed out were reached at the old count: they are reached again at the new one.
            Reward.objects.filter(milestone=milestone, handed_out_at__isnull=True).delete()
            rewards_sync(None, announce=False)
        _milestone_changed(milestone, by=by, action="update", details={"fields": sorted(changed)})
    return milestone


def milestone_delete(*, by, milestone_id: int) -> None:
    """Delete a milestone and the rewards not handed out; one with handed-out rewards stays on record."""
    with transaction.atomic():
        race_lock()
        milestone = Milestone.objects.select_for_update().filter(pk=milestone_id).first()
        if milestone is None:
            raise NotFound(f"There is no milestone {milestone_id}.")
        handed_out = milestone.rewards.filter(handed_out_at__isnull=False).count()
        if handed_out:
            raise DomainError(
                f"{handed_out} runner(s) already got the reward of “{milestone}”, so it stays on record: change "
                "its reward text or lap count instead of deleting it.",
                code="handed_out",
            )
        milestone.rewards.all().delete()
        details = {"laps": milestone.laps, "reward": milestone.reward}
        _milestone_changed(milestone, by=by, action="delete", details=details)
        milestone.delete()
