"""Indicator data kept in the vault: import (validated first: a bad file changes nothing), load."""

from __future__ import annotations

import datetime as dt
import json

from clinic.errors import VaultCorrupt
from clinic.phonecheck.indicators import IndicatorSet, parse_ioc
from clinic.storage.indicators import IndicatorRow, read_indicators, write_indicators
from clinic.storage.vault import Vault


class IndicatorRepository:
    """Reads and replaces the one indicator snapshot of an open vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def import_bytes(
        self, data: bytes, today: dt.date, source_date: dt.date | None = None
    ) -> IndicatorSet:
        """Validate, then store. Raises InvalidInput before touching the vault."""
        indicators = parse_ioc(data, today)
        indicators.source_date = source_date
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
            raise VaultCorrupt("The stored indicator data is damaged; import it again.") from None
