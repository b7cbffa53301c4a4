"""Indicator data kept in the vault: import (validated first: a bad file changes nothing), load.

The vault keeps one row; its document holds one source per Echap type. Importing
`watchware.yaml` replaces only the earlier `watchware.yaml`, and the same for `ioc.yaml`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from clinic.errors import InvalidInput, VaultCorrupt
from clinic.phonecheck.indicators import IndicatorSet, Source, parse_file
from clinic.storage.indicators import IndicatorRow, read_indicators, write_indicators
from clinic.storage.vault import Vault


def parse_files(datas: Sequence[bytes], today: dt.date) -> list[Source]:
    """Validate every file before anything is stored; two files of one type are refused."""
    sources = [parse_file(data, today) for data in datas]
    kinds = [s.type for s in sources]
    if len(set(kinds)) != len(kinds):
        raise InvalidInput("indicator_same_type")
    return sources


class IndicatorRepository:
    """Reads and replaces the indicator data of an open vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def import_bytes(
        self, data: bytes, today: dt.date, source_date: dt.date | None = None
    ) -> IndicatorSet:
        """Validate, then store one file. Raises InvalidInput before touching the vault."""
        return self.import_sources(parse_files([data], today), today, source_date)

    def import_sources(
        self, sources: Sequence[Source], today: dt.date, source_date: dt.date | None = None
    ) -> IndicatorSet:
        """Store validated sources, each replacing only the earlier import of its type."""
        indicators = self.load() or IndicatorSet()
        for source in sources:
            source.imported_on, source.source_date = today, source_date
            indicators = indicators.with_source(source)
        doc = json.dumps(indicators.to_doc(), ensure_ascii=False, separators=(",", ":"))
        write_indicators(self.vault, IndicatorRow(today, source_date, indicators.attribution, doc))
        return indicators

    def load(self) -> IndicatorSet | None:
        row = read_indicators(self.vault)
        if row is None:
            return None
        try:
            doc = json.loads(row.doc)
            return IndicatorSet.from_doc(doc, row.imported_on, row.source_date, row.attribution)
        except (ValueError, KeyError, TypeError):
            raise VaultCorrupt("indicators_damaged") from None
