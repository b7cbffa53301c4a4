"""Widgets of the Advise stage: the findings table and the plan-item form."""
