"""Accounts tests borrow collateral's asset factory (to try downloads)."""

from tests.collateral.conftest import make_asset, stages  # noqa: F401 (fixtures)
