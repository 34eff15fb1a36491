"""Signals messaging sends to the apps above it, which it must not import (DESIGN §2)."""

from django.dispatch import Signal

# Sent after commit whenever the approved retired wording changes (a phrase approved, replaced
# by a new version, or retired). Collateral re-checks every current file against the list.
wording_changed = Signal()
