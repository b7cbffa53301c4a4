"""De-identified clinic statistics: monthly counts by measure and category, never case data.

`measures` turns one case into tallies, `suppress` hides small counts and the cells that
subtraction would reveal, `table` writes the long-format CSV. No id, pseudonym, free text or
day ever leaves a case through this package: only a month, a fixed measure name, a category
from a fixed vocabulary (or a referral directory id) and a count.
"""
