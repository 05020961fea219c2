"""Text compared without case and accents: "Zoë", "ZOE" and "zoe" fold to the same "zoe".

One rule for Python and the database. In SQL it is the function `it24u_fold(text)`: on PostgreSQL
`lower(unaccent(...))`, created by migration 0006 (IMMUTABLE, so that a unique index may use it);
on SQLite `fold` below, registered on every connection. Group names are unique by it, and the
runner search matches by it (competition/search.py).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.db.models import CharField, Func, UniqueConstraint, Value

# Letters that Unicode does not decompose into a base letter and an accent (PostgreSQL's
# unaccent rules map them like this too).
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def fold(text: str) -> str:
    """Lowercase, without accents: "Zoë Ørsted" -> "zoe orsted"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)


class Fold(Func):
    """it24u_fold(expression): the database's `fold`."""

    function = "IT24U_FOLD"
    output_field = CharField()


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """connection_created: give SQLite the it24u_fold that migration 0006 creates on PostgreSQL."""
    if connection.vendor == "sqlite":
        add_sqlite_fold(connection.connection)


def add_sqlite_fold(sqlite_connection) -> None:
    """it24u_fold on a raw sqlite3 connection.

    The group names' unique index calls it: a connection without it (the sqlite3 shell) reads
    the file, but cannot write a group or run PRAGMA integrity_check.
    """
    # Deterministic: SQLite refuses a function in an index otherwise.
    sqlite_connection.create_function("it24u_fold", 1, _sqlite_fold, deterministic=True)


def _sqlite_fold(value):
    return None if value is None else fold(str(value))


class FoldedUniqueConstraint(UniqueConstraint):
    """A unique index over the folded text of one field, whose message names the row already there.

    `violation_error_message` may say %(existing)s: that row's value ("A group named “%(existing)s”
    already exists"). Forms and serializers show it through `Model.validate_constraints`.
    """

    def __init__(self, *, field: str, name: str, violation_error_message: str | None = None):
        self.field = field
        super().__init__(Fold(field), name=name, violation_error_message=violation_error_message)

    def deconstruct(self):
        path, _, kwargs = super().deconstruct()
        kwargs.pop("violation_error_code", None)
        return path, (), {"field": self.field, **kwargs}

    def get_violation_error_message(self, existing: str = "") -> str:
        return self.violation_error_message % {"name": self.name, "existing": existing}

    def existing(self, model, value: str, *, exclude_pk=None, using: str = DEFAULT_DB_ALIAS) -> str | None:
        """The value of the row whose folded text equals that of `value` (other than `exclude_pk`), or None."""
        rows = model._default_manager.using(using).alias(folded=Fold(self.field)).filter(folded=Fold(Value(value)))
        if exclude_pk is not None:
            rows = rows.exclude(pk=exclude_pk)
        return rows.values_list(self.field, flat=True).first()

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if exclude and self.field in exclude:
            return
        value = getattr(instance, self.field)
        if value is None:
            return
        exclude_pk = None if instance._state.adding else instance.pk
        existing = self.existing(model, value, exclude_pk=exclude_pk, using=using)
        if existing is not None:
            # Keyed by the field, so that a form shows it under that field.
            message = ValidationError(self.get_violation_error_message(existing), code="unique")
            raise ValidationError({self.field: message})
