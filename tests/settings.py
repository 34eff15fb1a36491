"""Settings for the test suite: production settings with a throwaway key and fast hashing.

DEBUG stays off (as in production); only what tests cannot have is changed.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-" + "x" * 50)

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
# No collectstatic in tests: serve from the source folders without a manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test gets its own media folder through the `media_root` fixture; this is the fallback.
MEDIA_ROOT = tempfile.mkdtemp(prefix="onevoice-test-media-")
# WhiteNoise wants its root to exist even when nothing was collected.
STATIC_ROOT = tempfile.mkdtemp(prefix="onevoice-test-static-")
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
