from datetime import UTC

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField

from competition import search
from competition.models import Lap, Runner
from competition.rules import validate_event_moment


class NotEmpty:
    """A parameter given empty (`?runner=`) is a 400, as a wrong value is; leave it out instead."""

    def to_python(self, value):
        if value == "":
            raise forms.ValidationError("Give a value, or leave this parameter out.")
        return super().to_python(value)


class StrictIntegerField(NotEmpty, forms.IntegerField):
    pass


class StrictIsoDateTimeField(NotEmpty, IsoDateTimeField):
    """A moment of the event (rules.validate_event_moment), sent to the database in UTC.

    (PostgreSQL holds offsets up to ±15:59 only: `+23:09` as sent was a 500, and a far year
    shifted by its offset can leave the range Python can hold.)
    """

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        validate_event_moment(moment)
        return moment.astimezone(UTC)


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = StrictIsoDateTimeField


class IdFilter(django_filters.NumberFilter):
    """An id: a whole number that fits the database's integer (else a 400, not an empty page or a 500)."""

    field_class = StrictIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is a 400 (django-filter's own ignores it and filters nothing)."""

    def to_python(self, value):
        if value is None:
            return None
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError("Give true or false (or leave this parameter out).")


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class SearchField(forms.CharField):
    """A search text within competition.search's bounds (else a 400 that says which)."""

    def validate(self, value):
        super().validate(value)
        problem = search.search_problem(value or "")
        if problem:
            raise forms.ValidationError(problem)


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class LapFilter(django_filters.FilterSet):
    runner = IdFilter(field_name="runner")
    finished_after = IsoDateTimeFilter(field_name="end", lookup_expr="gte")
    finished_before = IsoDateTimeFilter(field_name="end", lookup_expr="lt")
    started_after = IsoDateTimeFilter(field_name="start", lookup_expr="gte")
    started_before = IsoDateTimeFilter(field_name="start", lookup_expr="lt")
    unassigned = BooleanFilter(field_name="runner", lookup_expr="isnull")
    finished = BooleanFilter(field_name="end", lookup_expr="isnull", exclude=True)
    raining = BooleanFilter(field_name="raining")

    class Meta:
        model = Lap
        fields = ["runner", "raining"]


class RunnerFilter(django_filters.FilterSet):
    group = IdFilter(field_name="group")
    university = IdFilter(field_name="university")
    first_year = BooleanFilter(field_name="first_year")
    search = SearchFilter(
        method="by_search",
        help_text=f"Words of a name or a student ID (at most {search.MAX_WORDS} words, {search.MAX_CHARS} characters); "
        "case and accents do not matter.",
    )

    class Meta:
        model = Runner
        fields = ["group", "university", "first_year"]

    def by_search(self, queryset, name, value):
        return search.matching(queryset, value)
