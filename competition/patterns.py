"""Student-ID patterns that cannot stall a scan.

A university's pattern runs on every scan at the kiosk. Python's `re` backtracks: a pattern that
repeats a repetition, such as `(a+)+$`, takes exponential time on an ID that almost matches
(30 characters: minutes). So a pattern is refused when a repeated part of it contains a
repetition of variable length, an alternation or a backreference; a plain pattern such as
`^r\\d{7}$` never needs those. Patterns are also short, and IDs are at most 50 characters.
"""

import re
from functools import lru_cache
from re import _constants as sre
from re import _parser as sre_parse

from django.core.exceptions import ValidationError

MAX_LENGTH = 200
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_REFERENCES = {sre.GROUPREF, sre.GROUPREF_EXISTS}
_RISKY_UNDER_REPEAT = {"repeat": "a repetition", "branch": "an alternation (|)", "ref": "a backreference"}


def _children(op, av) -> list:
    """The sub-patterns of one node of the parsed pattern."""
    if op in _REPEATS:
        return [av[2]]
    if op == sre.SUBPATTERN:
        return [av[3]]
    if op == sre.BRANCH:
        return list(av[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op == sre.ATOMIC_GROUP:
        return [av]
    if op == sre.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _kinds(pattern) -> set[str]:
    """Which risky constructions a (parsed) pattern contains anywhere."""
    found = set()
    for op, av in pattern:
        if op in _REPEATS and av[0] != av[1]:  # a variable count (?, *, +, {2,5}); {7} is no choice
            found.add("repeat")
        elif op == sre.BRANCH:
            found.add("branch")
        elif op in _REFERENCES:
            found.add("ref")
        for child in _children(op, av):
            found |= _kinds(child)
    return found


def _nested(pattern) -> str | None:
    """What a repeated part of the pattern repeats that it should not, or None."""
    for op, av in pattern:
        if op in _REPEATS and av[1] > 1:
            risky = _kinds(av[2])
            if risky:
                return _RISKY_UNDER_REPEAT[sorted(risky)[-1]]
        for child in _children(op, av):
            found = _nested(child)
            if found:
                return found
    return None


@lru_cache(maxsize=64)
def pattern_problem(pattern: str) -> str | None:
    """Why a student-ID pattern is refused (invalid, or able to stall a scan), or None."""
    if len(pattern) > MAX_LENGTH:
        return f"A student-ID pattern has at most {MAX_LENGTH} characters."
    try:
        parsed = sre_parse.parse(pattern)
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        return f"This is not a valid regular expression: {error}."
    if _kinds(parsed) & {"ref"}:
        return "A student-ID pattern cannot use backreferences (\\1): write the characters out."
    nested = _nested(parsed)
    if nested:
        return (
            f"This pattern repeats a part that contains {nested}, which can take minutes to check one "
            "card (like (a+)+). Write it without nesting, e.g. ^r\\d{7}$, or use a character class "
            "such as [a-z0-9]+ instead of (a|b)+."
        )
    return None


def validate_student_id_pattern(pattern: str) -> None:
    """The model field's validator: the admin's form and the API's serializer both run it."""
    problem = pattern_problem(pattern)
    if problem:
        raise ValidationError(problem, code="unsafe_pattern")
