from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from competition.models import Criterion, Group, HappyHour, Lap, QueueTicket, Runner, Shift, University
from competition.scoring import store_points


class UniversityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = University
        django_get_or_create = ("abbreviation",)

    name = "Katholieke Universiteit Leuven"
    abbreviation = "KU Leuven"
    student_id_pattern = r"^r\d{7}$"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Group {n}")


class RunnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Runner
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    identification = factory.Sequence(lambda n: f"r{n:07d}")
    university = factory.SubFactory(UniversityFactory)

    @factory.post_generation
    def shifts(runner, create, extracted, **kwargs):
        if create and extracted:
            runner.shifts.set(extracted)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion
        skip_postgeneration_save = True

    @factory.post_generation
    def stored_points(obj, create, extracted, **kwargs):
        """As the app does when the rules change: every lap's stored points follow."""
        if create:
            store_points(Lap.objects.all())

    upper_limit = timedelta(minutes=5)
    points = 10


class HappyHourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HappyHour
        skip_postgeneration_save = True

    @factory.post_generation
    def stored_points(obj, create, extracted, **kwargs):
        """As the app does when the rules change: every lap's stored points follow."""
        if create:
            store_points(Lap.objects.all())

    name = factory.Sequence(lambda n: f"Happy hour {n}")
    start = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    end = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))
    multiplier = 2


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    name = factory.Sequence(lambda n: f"Shift {n}")
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))
    end = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QueueTicket

    runner = factory.SubFactory(RunnerFactory)
    position = factory.Sequence(lambda n: (n + 1) << 20)


class LapFactory(factory.django.DjangoModelFactory):
    """A finished lap of `minutes` minutes ending at `end`."""

    class Meta:
        model = Lap
        skip_postgeneration_save = True

    runner = factory.SubFactory(RunnerFactory)
    end = factory.LazyFunction(timezone.now)
    start = factory.LazyAttribute(lambda lap: lap.end - timedelta(minutes=3))

    @factory.post_generation
    def stored_points(lap, create, extracted, **kwargs):
        """As the app does when a lap finishes: its points are stored with it."""
        if create and lap.end:
            store_points(Lap.objects.filter(pk=lap.pk))
            lap.refresh_from_db(fields=["points"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret")
