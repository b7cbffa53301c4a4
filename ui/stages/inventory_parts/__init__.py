"""Widgets of the Inventory stage: tables, entry editors and the technograph view."""
