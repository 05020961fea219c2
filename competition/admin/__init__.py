"""The Django admin of SPEC section 6: staff behind the scenes pre-register runners, fix data, export laps.

Every save, delete and bulk action goes through competition/services, as the API's do (base.py).
"""

from django.conf import settings
from django.contrib import admin

from competition.admin import event_settings, laps, logs, night, queue, reference, runners  # noqa: F401 (they register)

admin.site.site_header = admin.site.site_title = f"{settings.TITLE} admin"
