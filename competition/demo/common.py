"""What the demo's parts share: the result they report into, the race's length, the batch size."""

from dataclasses import dataclass, field
from datetime import timedelta

RACE = timedelta(hours=24)
BATCH = 1000  # rows per INSERT at most (Django lowers it to what the database takes)


@dataclass
class DemoResult:
    runners: int = 0
    groups: int = 0
    laps: int = 0
    queued: int = 0
    seed: int = 0
    running: bool = False
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
