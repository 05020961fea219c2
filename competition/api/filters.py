import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField

from competition.models import Lap, Runner


class NotEmpty:
    """A parameter given empty (`?runner=`) is a 400, as a wrong value is; leave it out instead."""

    def to_python(self, value):
        if value == "":
            raise forms.ValidationError("Give a value, or leave this parameter out.")
        return super().to_python(value)


class StrictIntegerField(NotEmpty, forms.IntegerField):
    pass


class StrictIsoDateTimeField(NotEmpty, IsoDateTimeField):
    pass


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
    identification = django_filters.CharFilter(method="by_identification")
    group = IdFilter(field_name="group")
    university = IdFilter(field_name="university")
    first_year = BooleanFilter(field_name="first_year")
    search = django_filters.CharFilter(method="by_search", help_text="Part of a name or a student ID.")

    class Meta:
        model = Runner
        fields = ["identification", "group", "university", "first_year"]

    def by_identification(self, queryset, name, value):
        from competition.services.runners import normalise_identification

        return queryset.filter(identification=normalise_identification(value))

    def by_search(self, queryset, name, value):
        from django.db.models import Q

        for word in value.split():
            queryset = queryset.filter(
                Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(identification__icontains=word)
            )
        return queryset
