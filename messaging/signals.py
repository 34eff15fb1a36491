"""Signals messaging sends to the apps above it, which it must not import (DESIGN §2)."""

from django.dispatch import Signal

# Sent after commit whenever the approved retired wording changes (a phrase approved, replaced
# by a new version, or retired). Collateral re-checks every current file against the list.
wording_changed = Signal()

# Sent inside the approving transaction when a pillar version becomes the approved one, with
# `pillar` (that version) and `replaced` (the pks of the key's other versions). Collateral moves
# its assets' links to it and re-indexes them: their tags name the pillar.
pillar_approved = Signal()
