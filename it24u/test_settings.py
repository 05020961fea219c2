"""Settings for the test suite: the development configuration unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")

from it24u.settings import *  # noqa: E402,F403
