"""Event settings: title, rain, banner, leaderboard freeze, lap rules, and reloading displays."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from competition import events
from competition.errors import InvalidInput
from competition.models import EventSettings
from competition.services.common import audit, race_lock

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
            if cfg.race_start and cfg.race_end and cfg.race_end <= cfg.race_start:
                raise InvalidInput("The race must end after it starts: change the start or the end.")
            try:
                cfg.full_clean()
            except ValidationError as error:
                raise InvalidInput(" ".join(error.messages)) from None
            cfg.save()
            from competition.selectors import settings_public

            events.emit("settings_changed", {"settings": settings_public(cfg), "changed": sorted(changed)})
            audit(by=by, action="settings", target=cfg, details={k: str(v) for k, v in changed.items()})
    return cfg
