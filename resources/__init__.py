"""Bundled resources data (read through clinic.paths)."""
