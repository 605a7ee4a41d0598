"""Fixtures for toekomstplan tests."""

from __future__ import annotations
