"""outreach-coach: a writing coach for sales outreach that pushes toward value-first messages."""

__version__ = "0.1.0"
