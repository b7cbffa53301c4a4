"""Widgets and Qt models shared by the Before, Understand and Hand off stage editors."""
