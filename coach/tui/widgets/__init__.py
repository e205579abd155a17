"""Reusable widgets of the drafting app; each carries its own DEFAULT_CSS."""
