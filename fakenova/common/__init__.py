"""Machinery every service of the fake cloud shares (and never repeats)."""
