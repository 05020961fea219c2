"""Reference data (universities, groups, criteria, happy hours, shifts) and the event settings."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from competition import selectors
from competition.api import answers as a
from competition.api import serializers as s
from competition.api.views.common import ID_IN_PATH, validated
from competition.api.views.night import CheckInMixin
from competition.models import Criterion, EventSettings, Group, HappyHour, Shift, University
from competition.services import data as data_service
from competition.services.settings import settings_update


class DataViewSet(viewsets.ModelViewSet):
    lookup_value_regex = ID_IN_PATH
    """Reference data: staff write through the data services (audited, broadcast)."""

    def perform_create(self, serializer):
        fields, m2m = _split_m2m(serializer)
        serializer.instance = data_service.data_create(
            by=self.request.user, model=self.queryset.model, fields=fields, m2m=m2m
        )

    def perform_update(self, serializer):
        fields, m2m = _split_m2m(serializer)
        serializer.instance = data_service.data_update(
            by=self.request.user, instance=serializer.instance, fields=fields, m2m=m2m
        )

    def perform_destroy(self, instance):
        data_service.data_delete(by=self.request.user, instance=instance)


def _split_m2m(serializer) -> tuple[dict, dict]:
    model = serializer.Meta.model
    m2m_names = {f.name for f in model._meta.many_to_many} | {
        f.name for f in model._meta.related_objects if f.many_to_many
    }
    fields = {k: v for k, v in serializer.validated_data.items() if k not in m2m_names}
    m2m = {k: v for k, v in serializer.validated_data.items() if k in m2m_names}
    return fields, m2m


class UniversityViewSet(DataViewSet):
    permission_model, queryset, serializer_class = "university", University.objects.all(), s.UniversitySerializer


class GroupViewSet(DataViewSet):
    permission_model, serializer_class = "group", s.GroupSerializer
    queryset = Group.objects.none()  # the model, for the data services; the rows come from get_queryset

    def get_queryset(self):
        return selectors.groups_with_points(self.request.user)


class CriterionViewSet(DataViewSet):
    permission_model, queryset, serializer_class = "criterion", Criterion.objects.all(), s.CriterionSerializer


class HappyHourViewSet(DataViewSet):
    permission_model, serializer_class = "happyhour", s.HappyHourSerializer
    queryset = HappyHour.objects.prefetch_related("groups")


class ShiftViewSet(CheckInMixin, DataViewSet):
    permission_model, queryset, serializer_class = "shift", Shift.objects.all(), s.ShiftSerializer


class SettingsView(APIView):
    permission_model = "eventsettings"
    permission_actions = {"GET": "retrieve", "PATCH": "update"}

    @extend_schema(responses=a.SettingsSerializer)
    def get(self, request):
        return Response(selectors.settings_public(EventSettings.load()))

    @extend_schema(request=s.SettingsInput, responses=a.SettingsSerializer)
    def patch(self, request):
        data = validated(s.SettingsInput, request)
        return Response(selectors.settings_public(settings_update(by=request.user, **data)))
