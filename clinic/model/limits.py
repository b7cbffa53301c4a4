"""Caps on a case that no real case reaches; the model, the schema and import obey them.

A real case has a few dozen records; the large demo case (60 devices and accounts, 300
checklist results) stays far below every cap. The caps keep a hostile or broken file from
filling the vault or the memory: import refuses a file past them before parsing the rest.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from pydantic import Field

# The whole case file, in bytes (every text field at its limit still fits).
MAX_FILE_BYTES = 32 * 1024 * 1024
# Items in any one list (devices, evidence lines, packages...) and keys in any one mapping
# (topics, pre_session, end_session, params).
MAX_ITEMS = 5_000
# Items of all lists and objects of one case file together (list items, keys, objects).
MAX_ENTRIES = 200_000
# Nesting of lists and objects (a case needs 7).
MAX_DEPTH = 16

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

# A list of at most MAX_ITEMS items: `devices: Items[Device] = Field(default_factory=list)`.
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]
# A mapping of at most MAX_ITEMS keys (keys are ShortText: see the models).
Keyed = Annotated[dict[K, V], Field(max_length=MAX_ITEMS)]
