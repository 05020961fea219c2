"""Searching runners by name or student ID: bounded, one query, case- and accent-insensitive.

"zoe" finds "Zoë" and "ZOE" (SPEC section 5, Query). Both sides are folded: the words here in
Python, the columns in the database by `unaccent` (PostgreSQL's extension, created by migration
0004; on SQLite a function of ours registered on every connection) and `lower`. A search has at
most MAX_WORDS words and MAX_CHARS characters, so its cost is bounded whatever is sent.
"""

import unicodedata

from django.db.models import CharField, F, Func, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower

MAX_WORDS = 5
MAX_CHARS = 100

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def fold(text: str) -> str:
    """Lowercase, without accents: "Zoë Ørsted" -> "zoe orsted"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)


def search_problem(text: str) -> str | None:
    """Why a search text is refused (too long, too many words), or None."""
    if len(text) > MAX_CHARS:
        return f"Search for at most {MAX_CHARS} characters."
    if len(text.split()) > MAX_WORDS:
        return f"Search for at most {MAX_WORDS} words: a first name, a last name or a student ID."
    return None


class Unaccent(Func):
    function = "UNACCENT"
    output_field = CharField()


def register_sqlite_unaccent(sender, connection, **kwargs) -> None:
    """connection_created: give SQLite the `unaccent` that PostgreSQL's extension provides."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, _unaccent, deterministic=True)


def _unaccent(value):
    return None if value is None else fold(value)


def matching(runners: QuerySet, text: str) -> QuerySet:
    """The runners whose first name, last name or student ID contain every word of `text`."""
    words = [fold(word) for word in text.split()][:MAX_WORDS]
    if not words:
        return runners
    haystack = Lower(Unaccent(Concat(F("first_name"), Value(" "), F("last_name"), Value(" "), F("identification"))))
    condition = Q()
    for word in words:
        condition &= Q(search_haystack__contains=word)
    return runners.alias(search_haystack=haystack).filter(condition)
