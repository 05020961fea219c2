"""Settings for the test suite: the development configuration unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")

from it24u.settings import *  # noqa: E402,F403

# The test process counts login failures in its own memory (tests clear it); servers that tests
# start use the settings above, with Redis when the run has one.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
