"""Stage pages of the workspace. Editors register here (see base.py)."""
