"""Rewards for staff and the kiosk volunteer (SPEC section 5): who has a reward due, and the rest."""

from competition.models import Reward
from competition.payloads import reward_payload


def rewards_list(*, due: bool = False, runner_id: int | None = None) -> list[dict]:
    """Rewards, newest first; `due`: only those not handed out yet. One query."""
    rewards = Reward.objects.select_related("runner__group", "milestone", "handed_out_by")
    if due:
        rewards = rewards.filter(handed_out_at__isnull=True)
    if runner_id is not None:
        rewards = rewards.filter(runner_id=runner_id)
    return [reward_payload(reward, private=True) for reward in rewards.order_by("-reached_at", "-id")]


def rewards_due_for(runner_id: int) -> list[dict]:
    """What the kiosk tells a runner who scans: their rewards not handed out yet, smallest milestone first."""
    return sorted(rewards_list(due=True, runner_id=runner_id), key=lambda reward: reward["milestone"]["laps"])
