"""Points of SPEC section 4 as SQL expressions over laps, stored on each finished lap.

A finished lap earns the points of the criterion with the smallest upper limit that is at least
its duration (else the base criterion's, else 0), times the largest multiplier among the happy
hours of the runner's group whose window [start, end) holds the lap's finish (else the base
happy hour's multiplier, else 1).
"""

from django.db.models import DurationField, ExpressionWrapper, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from competition.models import Criterion, HappyHour, Lap


def duration_expression():
    return ExpressionWrapper(F("end") - F("start"), output_field=DurationField())


def _criterion(field: str):
    matching = Criterion.objects.filter(base=False, upper_limit__gte=OuterRef("duration")).order_by("upper_limit")
    return Subquery(matching.values(field)[:1])


def _base_criterion(field: str):
    return Subquery(Criterion.objects.filter(base=True).values(field)[:1])


def _happy_hour(field: str):
    windows = HappyHour.objects.filter(
        base=False, groups=OuterRef("runner__group"), start__lte=OuterRef("end"), end__gt=OuterRef("end")
    ).order_by("-multiplier", "id")
    return Subquery(windows.values(field)[:1])


def _base_happy_hour(field: str):
    return Subquery(HappyHour.objects.filter(base=True).values(field)[:1])


def computed_points(laps: QuerySet[Lap], *, explain: bool = False) -> QuerySet[Lap]:
    """Annotate finished laps with duration and their points by the rule (and how they were made)."""
    laps = laps.annotate(duration_value=duration_expression()).alias(duration=F("duration_value"))
    base_points = Coalesce(_criterion("points"), _base_criterion("points"), Value(0), output_field=IntegerField())
    multiplier = Coalesce(
        _happy_hour("multiplier"), _base_happy_hour("multiplier"), Value(1), output_field=IntegerField()
    )
    laps = laps.annotate(rule_points=ExpressionWrapper(base_points * multiplier, output_field=IntegerField()))
    if explain:
        laps = laps.annotate(
            criterion_id=Coalesce(_criterion("id"), _base_criterion("id")),
            criterion_points=base_points,
            happy_hour_id=Coalesce(_happy_hour("id"), _base_happy_hour("id")),
            multiplier_value=multiplier,
        )
    return laps


def with_points(laps: QuerySet[Lap], *, explain: bool = False) -> QuerySet[Lap]:
    """Annotate laps with duration and their stored points (and, with explain, how the rule made them)."""
    laps = computed_points(laps, explain=True) if explain else laps.annotate(duration_value=duration_expression())
    return laps.annotate(points_value=F("points"))


def store_points(laps: QuerySet[Lap]) -> int:
    """Write the rule's points into the given finished laps, in one statement; returns how many.

    Called in the transaction of every change that can move points: a lap finishing or changing
    runner, and criteria, happy hours, groups and memberships changing.
    """
    rule = computed_points(Lap.objects.filter(pk=OuterRef("pk"))).values("rule_points")[:1]
    return laps.filter(end__isnull=False).update(points=Subquery(rule))


def finished_lap_points(lap: Lap, group_id: int | None) -> int:
    """The rule for one lap that has just finished, in two small queries (the press's hot path).

    The same rule as computed_points, written for a single lap so that a press need not build
    the rule's subqueries; assert_invariants checks after every test that the two agree.
    """
    duration = lap.end - lap.start
    # Non-base criteria first (the smallest upper limit that fits), then the base one.
    points = (
        Criterion.objects.filter(Q(base=False, upper_limit__gte=duration) | Q(base=True))
        .order_by("base", "upper_limit")
        .values_list("points", flat=True)
        .first()
    )
    windows = Q(base=True)
    if group_id is not None:  # an unassigned lap has no group, so only the base happy hour applies
        windows |= Q(base=False, groups=group_id, start__lte=lap.end, end__gt=lap.end)
    multiplier = (
        HappyHour.objects.filter(windows).order_by("base", "-multiplier", "id").values_list("multiplier", flat=True)
    ).first()
    return (points or 0) * (multiplier or 1)
