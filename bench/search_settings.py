"""Settings for bench/search.py: the test settings (production settings without HTTPS
redirects or a static manifest) plus a bare view, the floor the load test compares with."""

from tests.settings import *  # noqa: F403

ROOT_URLCONF = "search_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
