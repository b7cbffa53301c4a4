"""The case list: a Qt model over case summaries and the view around it."""
