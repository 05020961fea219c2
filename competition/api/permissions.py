"""SPEC section 7: every API action is a permission codename rest_<action>_<model>.

Anonymous users may take the actions in settings.ANONYMOUS_PERMISSIONS; the `competition` group
gets what the admin grants it; staff may take every action. A view names its model in
`permission_model`; a viewset's action (or `permission_actions[method]` on a plain view) names
the action. A view that names neither is closed.
"""

from drf_spectacular.authentication import BasicScheme, SessionScheme
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission

from competition.selectors.accounts import may, permission_codenames

__all__ = ["codename_for", "may", "permission_codenames"]

ACTION_ALIASES = {"partial_update": "update"}


def codename_for(request, view) -> str | None:
    model = getattr(view, "permission_model", None)
    if model is None:
        return None
    action = getattr(view, "action", None)
    if action is None:
        action = getattr(view, "permission_actions", {}).get(request.method)
    if action is None:
        return None
    return f"{ACTION_ALIASES.get(action, action)}_{model}"


class RestPermission(BasePermission):
    message = "You do not have permission to do this; log in with an account that may."

    def has_permission(self, request, view) -> bool:
        if getattr(view, "public", False):
            return True
        if request.method == "OPTIONS":
            return True
        codename = codename_for(request, view)
        return codename is not None and may(request.user, codename)


class SessionAuthentication401(SessionAuthentication):
    """Session authentication that answers 401 (not 403) to anonymous users, without a login popup."""

    def authenticate_header(self, request) -> str:
        return 'Session realm="api"'


class ThrottledBasicAuthentication(BasicAuthentication):
    """HTTP basic authentication for scripts, counted by the login throttling (django-axes).

    django-axes marks a locked-out request on the request it is given; it must be Django's own,
    which its middleware sees, not DRF's wrapper around it.
    """

    def authenticate_credentials(self, userid, password, request=None):
        # A NUL cannot be stored (PostgreSQL refuses it: the lockout records the username) and no
        # username is longer than 150 characters: such credentials are wrong, not a server error.
        if "\x00" in userid or "\x00" in password or len(userid) > 150 or len(password) > 200:
            raise AuthenticationFailed("Invalid username or password.")
        return super().authenticate_credentials(userid, password, request=getattr(request, "_request", request))


class ThrottledBasicAuthenticationScheme(BasicScheme):
    """Describes ThrottledBasicAuthentication in the OpenAPI schema (as plain HTTP basic)."""

    target_class = ThrottledBasicAuthentication


class SessionAuthentication401Scheme(SessionScheme):
    """Describes SessionAuthentication401 in the OpenAPI schema (as the plain session scheme)."""

    target_class = SessionAuthentication401
