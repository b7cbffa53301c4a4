"""Bundled protocols data (read through clinic.paths)."""
