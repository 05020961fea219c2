"""Who am I, log in, log out: the session the app's pages and the kiosk use."""

from django.contrib.auth import authenticate, login, logout
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from competition import selectors
from competition.api import answers as a
from competition.api import serializers as s
from competition.api.views.common import validated


def enforce_csrf(request) -> None:
    """APIViews skip CSRF for anonymous users; login must not (login CSRF)."""
    from rest_framework.authentication import SessionAuthentication

    SessionAuthentication().enforce_csrf(request)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeView(APIView):
    public = True

    @extend_schema(responses=a.MeSerializer)
    def get(self, request):
        return Response(selectors.me_payload(request.user))


class LoginView(APIView):
    public = True

    @extend_schema(request=s.LoginInput, responses=a.MeSerializer)
    def post(self, request):
        enforce_csrf(request)
        data = validated(s.LoginInput, request)
        # Django's request, not DRF's: django-axes marks a locked-out login on it (see permissions).
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None:
            return Response({"detail": "Wrong username or password.", "code": "invalid_login"}, status=400)
        login(request, user)
        return Response(selectors.me_payload(user))


class LogoutView(APIView):
    public = True

    @extend_schema(request=None, responses=a.MeSerializer)
    def post(self, request):
        enforce_csrf(request)
        logout(request)
        return Response(selectors.me_payload(request.user))
