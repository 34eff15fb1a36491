"""Collateral pages, split by what they serve: the library, asset pages, files, feedback."""
