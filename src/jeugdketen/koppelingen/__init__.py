"""Integrations between apps that must not import each other (crisis ↔ plekvrij)."""
