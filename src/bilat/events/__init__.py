"""Event extraction."""
