"""Searching runners by name or student ID: bounded, one query, case- and accent-insensitive.

"zoe" finds "Zoë" and "ZOE" (SPEC section 5, Query). Both sides are folded by one rule
(competition/folding.py): the words here in Python, the columns in the database by `it24u_fold`,
the same function that keeps group names unique. A search has at most MAX_WORDS words and
MAX_CHARS characters, so its cost is bounded whatever is sent.
"""

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Concat

from competition.folding import Fold, fold

MAX_WORDS = 5
MAX_CHARS = 100


def search_problem(text: str) -> str | None:
    """Why a search text is refused (too long, too many words), or None."""
    if len(text) > MAX_CHARS:
        return f"Search for at most {MAX_CHARS} characters."
    if len(text.split()) > MAX_WORDS:
        return f"Search for at most {MAX_WORDS} words: a first name, a last name or a student ID."
    return None


def matching(runners: QuerySet, text: str) -> QuerySet:
    """The runners whose first name, last name or student ID contain every word of `text`."""
    words = [fold(word) for word in text.split()][:MAX_WORDS]
    if not words:
        return runners
    haystack = Fold(Concat(F("first_name"), Value(" "), F("last_name"), Value(" "), F("identification")))
    condition = Q()
    for word in words:
        condition &= Q(search_haystack__contains=word)
    return runners.alias(search_haystack=haystack).filter(condition)
