"""Settings of the site under bench/load.py: production settings, plus /bench/bare/ (see
search_urls), so the benchmark can measure what a signed-in request costs before any page
does its own work."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "search_urls"
