"""Event settings: title, rain, banner, leaderboard freeze, lap rules, and reloading displays."""

from django.db import transaction
from django.utils import timezone

from competition import events
from competition.event_payloads import EventType
from competition.models import EventSettings
from competition.selectors import settings_public
from competition.services.common import audit, check_rules, race_lock

FIELDS = {
    "title",
    "time_zone",
    "race_start",
    "race_end",
    "raining",
    "banner",
    "min_lap_time",
    "plausible_lap_time",
    "press_time_window",
    "leaderboard_size",
    "night_start_hour",
    "night_end_hour",
    "results_published",
    # The admin's form sets these directly; the API through leaderboard_frozen and reload_displays.
    "leaderboard_frozen_at",
    "reload_token",
}


def settings_update(
    *, by, leaderboard_frozen: bool | None = None, reload_displays: bool = False, **fields
) -> EventSettings:
    unknown = set(fields) - FIELDS
    assert not unknown, f"unknown settings {unknown}"
    with transaction.atomic():
        cfg = race_lock()
        changed = {name: value for name, value in fields.items() if getattr(cfg, name) != value}
        for name, value in changed.items():
            setattr(cfg, name, value)
        if leaderboard_frozen is not None and leaderboard_frozen != (cfg.leaderboard_frozen_at is not None):
            cfg.leaderboard_frozen_at = timezone.now() if leaderboard_frozen else None
            changed["leaderboard_frozen_at"] = cfg.leaderboard_frozen_at
        if reload_displays:
            cfg.reload_token += 1
            changed["reload_token"] = cfg.reload_token
        if changed:
            check_rules(cfg)  # the model's: a known time zone, the race ending after it starts, ...
            cfg.save()
            events.emit(EventType.SETTINGS_CHANGED, settings=settings_public(cfg), changed=list(changed))
            audit(by=by, action="settings", target=cfg, details={k: str(v) for k, v in changed.items()})
    return cfg
