"""Who is asking: the permissions of SPEC section 7 and what the app knows about the logged-in user."""

from django.conf import settings
from django.contrib.auth.models import Permission


def may(user, codename: str) -> bool:
    """Whether a user (or anonymous) may take the action `codename` (without the rest_ prefix)."""
    if codename in settings.ANONYMOUS_PERMISSIONS:
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or user.has_perm(f"competition.rest_{codename}")


def permission_codenames(user) -> list[str]:
    """All rest_ codenames this user holds, for the SPA to guard its routes with."""
    every = Permission.objects.filter(content_type__app_label="competition", codename__startswith="rest_")
    codenames = set(every.values_list("codename", flat=True))
    return sorted(c for c in codenames if may(user, c.removeprefix("rest_")))


def me_payload(user) -> dict:
    """Who is logged in, their roles, and the rest_ permissions the app guards its routes with."""
    if user.is_authenticated:
        roles = ["staff"] if user.is_staff else []
        roles += sorted(user.groups.values_list("name", flat=True))
        who = {
            "id": user.pk,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_staff": user.is_staff,
        }
        if user.is_staff:
            who["admin_url"] = f"/{settings.ADMIN_PATH}"  # configurable (ADMIN_PATH)
    else:
        roles, who = ["anonymous"], None
    return {"user": who, "roles": roles, "permissions": permission_codenames(user)}
