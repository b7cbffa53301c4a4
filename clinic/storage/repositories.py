"""Cases in the vault: pydantic in, pydantic out, one transaction per save.

A case is one row in `cases` (its own fields as JSON, plus the columns the case list
needs) and one row per child record in `entities`, so one edit writes one small row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlcipher3

from clinic.errors import NotFound, Refused
from clinic.model import ENTITY_LISTS, ENTITY_TYPES, Case, Entity
from clinic.storage.case_list import CaseSummary, list_cases
from clinic.storage.vault import Vault, _map_db_error

_HEADER_EXCLUDE = set(ENTITY_LISTS)


class CaseRepository:
    """Reads and writes cases in one open vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._practice: bool | None = None

    # -- reading ---------------------------------------------------------------------
    def list_cases(self) -> list[CaseSummary]:
        """The case list; it does not wait for a background integrity check, but a page
        that fails to read waits for the check's verdict (VaultTampered) before anything
        else is said."""
        try:
            return list_cases(self.vault.conn)
        except sqlcipher3.DatabaseError as exc:
            self.vault.wait_verified()
            raise _map_db_error(exc) from None

    def exists(self, case_id: str) -> bool:
        row = self.vault.conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone()
        return row is not None

    def load(self, case_id: str) -> Case:
        self.vault.wait_verified()  # a case opens only once the vault passed its check
        conn = self.vault.conn
        row = conn.execute("SELECT doc FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise NotFound("case_not_found")
        lists: dict[str, list[str]] = {name: [] for name in ENTITY_LISTS}
        for kind, doc in conn.execute(
            "SELECT kind, doc FROM entities WHERE case_id = ? ORDER BY kind, pos", (case_id,)
        ):
            lists[kind].append(doc)
        header = row[0]
        parts = [header[:-1]]
        for name in ENTITY_LISTS:
            parts.append(f',"{name}":[' + ",".join(lists[name]) + "]")
        parts.append("}")
        return Case.model_validate_json("".join(parts))

    # -- writing ---------------------------------------------------------------------
    def add(self, case: Case) -> None:
        """Store a new case; refuses an id that is already in the vault."""
        with self.vault.transaction() as conn:
            if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case.id,)).fetchone():
                raise Refused("case_exists")
            self._write_all(conn, case)

    def save(self, case: Case) -> None:
        """Store the whole case, replacing what the vault held for it."""
        with self.vault.transaction() as conn:
            conn.execute("DELETE FROM entities WHERE case_id = ?", (case.id,))
            self._write_all(conn, case)

    def put_all(self, cases: Iterable[Case]) -> int:
        """Add or replace every case in ONE transaction: all of them are stored, or none."""
        count = 0
        with self.vault.transaction() as conn:
            for case in cases:
                conn.execute("DELETE FROM entities WHERE case_id = ?", (case.id,))
                self._write_all(conn, case)
                count += 1
        return count

    def save_header(self, case: Case) -> None:
        """Store the case's own fields (pseudonym, status, context...) only."""
        with self.vault.transaction() as conn:
            self._write_header(conn, case)

    def save_entity(self, case_id: str, kind: str, entity: Entity) -> None:
        """Insert or update one child record (one autosaved edit)."""
        self.save_entities(case_id, [(kind, entity)])

    def save_entities(self, case_id: str, records: Iterable[tuple[str, Entity]]) -> None:
        """Insert or update several child records of one case in one transaction."""
        records = list(records)
        for kind, entity in records:
            self._check_kind(kind, entity)
        with self.vault.transaction() as conn:
            if not conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone():
                raise NotFound("case_not_found")
            for kind, entity in records:
                self._put_entity(conn, case_id, kind, entity)

    def _put_entity(self, conn: Any, case_id: str, kind: str, entity: Entity) -> None:
        doc = entity.model_dump_json()
        updated = conn.execute(
            "UPDATE entities SET doc = ? WHERE case_id = ? AND kind = ? AND id = ?",
            (doc, case_id, kind, entity.id),
        ).rowcount
        if not updated:
            pos = conn.execute(
                "SELECT coalesce(max(pos), -1) + 1 FROM entities WHERE case_id = ? AND kind = ?",
                (case_id, kind),
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO entities (case_id, kind, id, pos, doc) VALUES (?, ?, ?, ?, ?)",
                (case_id, kind, entity.id, pos, doc),
            )
        if kind == "follow_ups":
            self._refresh_follow_ups(conn, case_id)
        if self._is_practice(conn):
            conn.execute(
                "INSERT INTO practice_events (case_id, kind, entity_id, doc) VALUES (?, ?, ?, ?)",
                (case_id, kind, entity.id, doc),
            )

    def _is_practice(self, conn: Any) -> bool:
        """A practice vault keeps the order of edits (the debrief reads it); asked once."""
        if self._practice is None:
            row = conn.execute(
                "SELECT value FROM vault_settings WHERE key = 'vault-kind'"
            ).fetchone()
            self._practice = row is not None and str(row[0]) == "practice"
        return self._practice

    def practice_events(self, case_id: str) -> list[tuple[int, str, str, str]]:
        """(seq, kind, entity id, doc) of every saved edit of a practice case, in order."""
        rows = self.vault.conn.execute(
            "SELECT seq, kind, entity_id, doc FROM practice_events WHERE case_id = ? ORDER BY seq",
            (case_id,),
        )
        return [(int(a), str(b), str(c), str(d)) for a, b, c, d in rows]

    def delete_entity(self, case_id: str, kind: str, entity_id: str) -> None:
        with self.vault.transaction() as conn:
            conn.execute(
                "DELETE FROM entities WHERE case_id = ? AND kind = ? AND id = ?",
                (case_id, kind, entity_id),
            )
            if kind == "follow_ups":
                self._refresh_follow_ups(conn, case_id)

    def delete(self, case_id: str) -> None:
        """Delete a case and all its records (secure_delete overwrites the freed pages)."""
        with self.vault.transaction() as conn:
            if not conn.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount:
                raise NotFound("case_not_found")

    # -- internals -------------------------------------------------------------------
    @staticmethod
    def _check_kind(kind: str, entity: Entity) -> None:
        expected = ENTITY_TYPES.get(kind)
        if expected is None or not isinstance(entity, expected):
            raise ValueError(f"unknown record kind {kind!r} for {type(entity).__name__}")

    def _write_all(self, conn: Any, case: Case) -> None:
        self._write_header(conn, case)
        rows = []
        for kind in ENTITY_LISTS:
            for pos, entity in enumerate(getattr(case, kind)):
                rows.append((case.id, kind, entity.id, pos, entity.model_dump_json()))
        conn.executemany(
            "INSERT INTO entities (case_id, kind, id, pos, doc) VALUES (?, ?, ?, ?, ?)", rows
        )

    @staticmethod
    def _write_header(conn: Any, case: Case) -> None:
        doc = case.model_dump_json(exclude=_HEADER_EXCLUDE)
        open_fu = case.open_follow_ups()
        dues = [f.due for f in open_fu if f.due is not None]
        conn.execute(
            "INSERT INTO cases (id, pseudonym, status, opened, closed, language,"
            " open_follow_ups, next_follow_up, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET pseudonym = excluded.pseudonym,"
            " status = excluded.status, opened = excluded.opened, closed = excluded.closed,"
            " language = excluded.language, doc = excluded.doc",
            (
                case.id,
                case.pseudonym,
                case.status.value,
                case.opened.isoformat(),
                case.closed.isoformat() if case.closed else None,
                case.language.value,
                len(open_fu),
                min(dues).isoformat() if dues else None,
                doc,
            ),
        )

    @staticmethod
    def _refresh_follow_ups(conn: Any, case_id: str) -> None:
        count, due = conn.execute(
            "SELECT count(*), min(json_extract(doc, '$.due')) FROM entities"
            " WHERE case_id = ? AND kind = 'follow_ups' AND json_extract(doc, '$.done') = 0",
            (case_id,),
        ).fetchone()
        conn.execute(
            "UPDATE cases SET open_follow_ups = ?, next_follow_up = ? WHERE id = ?",
            (count, due, case_id),
        )


def dump_json(case: Case) -> str:
    """The interchange format (clinic.model.case_file): stable key order, no timestamp."""
    from clinic.model.case_file import dump_case

    return dump_case(case)
