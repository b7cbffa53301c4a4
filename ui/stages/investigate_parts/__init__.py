"""Widgets of the Investigate stage: checklist tree, item panel, risk badges, phone check."""
