import django_filters
from django import forms

from competition.models import Lap, Runner


class IdFilter(django_filters.NumberFilter):
    """An id: a whole number that fits the database's integer (else a 400, not an empty page or a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(*args, **kwargs)


class LapFilter(django_filters.FilterSet):
    runner = IdFilter(field_name="runner")
    finished_after = django_filters.IsoDateTimeFilter(field_name="end", lookup_expr="gte")
    finished_before = django_filters.IsoDateTimeFilter(field_name="end", lookup_expr="lt")
    started_after = django_filters.IsoDateTimeFilter(field_name="start", lookup_expr="gte")
    started_before = django_filters.IsoDateTimeFilter(field_name="start", lookup_expr="lt")
    unassigned = django_filters.BooleanFilter(field_name="runner", lookup_expr="isnull")
    finished = django_filters.BooleanFilter(field_name="end", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Lap
        fields = ["runner", "raining"]


class RunnerFilter(django_filters.FilterSet):
    identification = django_filters.CharFilter(method="by_identification")
    group = IdFilter(field_name="group")
    university = IdFilter(field_name="university")
    first_year = django_filters.BooleanFilter(field_name="first_year")
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
