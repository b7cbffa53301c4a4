"""Vault schema: ordered forward migrations keyed by `PRAGMA user_version`.

The vault's version is the number of migrations applied to it; `CURRENT_VERSION` is
`len(MIGRATIONS)`. Each entry is either an SQL script (statements separated by `;`) or a
Python step: a callable taking the open connection (inside the transaction), for example to
rewrite the case JSON documents stored in `cases.doc` and `entities.doc`. A migration runs
inside one transaction with the version bump, so a crash leaves the vault at the old version
or the new one, never between. Before an older vault is migrated, `Vault.open` writes an
encrypted backup of it beside the vault (same passphrase, 0600, named
`<vault>.before-upgrade-from-v<old>.backup`; see `clinic.storage.backup.migration_backup`).

How to add a migration (the whole procedure):

1. Re-read this file, then append ONE entry at the END of `MIGRATIONS`, with a comment line
   `# N: what it does` (N = its position, counting from 1). Never edit, reorder or remove
   an existing entry: vaults in the field have already run it.
   - a new table or index: an SQL script string;
   - a change to stored data: a function `def _vN_what(conn: Any) -> None` defined in this
     file above `MIGRATIONS` (plain `conn.execute(...)`; no BEGIN/COMMIT: the runner owns
     the transaction).
2. If the change alters the case JSON (a field added, renamed, removed or re-typed in
   `clinic/model`), also:
   - bump `CASE_FORMAT` in `clinic/model/case.py` by one (and the `Literal[...]` of
     `Case.format` with it), once per release: while the new format is unreleased, extend
     its upgrade step instead of bumping again;
   - add ONE upgrade function to `clinic/model/upgrade.py` (`UPGRADES[N]`: turns a case
     dict of format N into format N+1; pure dict in, dict out). A field added with a
     default needs nothing there (older files take the default); a rename, removal or new
     type does. Exports of every older release then import through the chain;
   - append `upgrade_case_documents` (below) as the vault migration entry (or call it from
     your own Python step): it rewrites every stored case through the same chain.
3. After a case-format change, run `python tools/demo_cases.py` (the demo cases in
   resources/demo/ are case files in the current format) and regenerate the published
   schema (`clinic case schema > docs/case-schema.json`).
4. Run `tests/clinic/test_formats.py` (and test_case_schema.py, test_demo_data.py): the
   release 0.1.0 vault, export and backup in `tests/fixtures/release-0.1.0/` must still
   open, migrate, import and restore.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Migration = str | Callable[[Any], None]


def upgrade_case_documents(conn: Any) -> None:
    """Rewrite every stored case to the current case format through `clinic.model.upgrade`.

    Each case is put back together from its header row and entity rows, upgraded, validated
    by the current model and written back (header, list columns and entity rows). Cases
    already at the current format are left untouched, so running it twice is harmless.
    """
    from clinic.model import CASE_FORMAT, ENTITY_LISTS, Case
    from clinic.model.upgrade import upgrade_case_data

    case_rows = conn.execute("SELECT id, doc FROM cases ORDER BY id").fetchall()
    for case_id, header_doc in case_rows:
        data: dict[str, Any] = json.loads(header_doc)
        if data.get("format") == CASE_FORMAT:
            continue
        lists: dict[str, list[Any]] = {name: [] for name in ENTITY_LISTS}
        for kind, doc in conn.execute(
            "SELECT kind, doc FROM entities WHERE case_id = ? ORDER BY kind, pos", (case_id,)
        ):
            lists.setdefault(kind, []).append(json.loads(doc))
        data.update(lists)
        case = Case.model_validate_json(json.dumps(upgrade_case_data(data)), strict=True)
        conn.execute(
            "UPDATE cases SET doc = ? WHERE id = ?",
            (case.model_dump_json(exclude=set(ENTITY_LISTS)), case_id),
        )
        conn.execute("DELETE FROM entities WHERE case_id = ?", (case_id,))
        conn.executemany(
            "INSERT INTO entities (case_id, kind, id, pos, doc) VALUES (?, ?, ?, ?, ?)",
            [
                (case_id, kind, entity.id, pos, entity.model_dump_json())
                for kind in ENTITY_LISTS
                for pos, entity in enumerate(getattr(case, kind))
            ],
        )


def _v6_phone_check_groups(conn: Any) -> None:
    """Mark the groups an older phone check did not run ("not checked", never "nothing was
    found"): known stalkerware without indicator data, the monitoring group it predates,
    powers and context for a pasted list. Checks that already list their sources are left."""
    from clinic.model.work import legacy_not_checked

    rows = conn.execute("SELECT case_id, id, doc FROM entities WHERE kind = 'phone_checks'")
    for case_id, entity_id, doc in rows.fetchall():
        check = json.loads(doc)
        if check.get("sources") or check.get("not_checked"):
            continue
        check["not_checked"] = legacy_not_checked(
            str(check.get("method", "")), str(check.get("indicators_version", ""))
        )
        conn.execute(
            "UPDATE entities SET doc = ? WHERE case_id = ? AND kind = 'phone_checks' AND id = ?",
            (json.dumps(check, ensure_ascii=False, separators=(",", ":")), case_id, entity_id),
        )


MIGRATIONS: tuple[Migration, ...] = (
    # 1: cases, their child records as JSON documents, indicator data, audit log.
    """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        pseudonym TEXT NOT NULL,
        status TEXT NOT NULL,
        opened TEXT NOT NULL,
        closed TEXT,
        language TEXT NOT NULL,
        next_follow_up TEXT,
        open_follow_ups INTEGER NOT NULL DEFAULT 0,
        doc TEXT NOT NULL
    );
    CREATE INDEX cases_status_opened ON cases(status, opened);
    CREATE INDEX cases_pseudonym ON cases(pseudonym COLLATE NOCASE);
    CREATE TABLE entities (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        pos INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (case_id, kind, id)
    ) WITHOUT ROWID;
    CREATE TABLE indicators (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        imported_on TEXT NOT NULL,
        source_date TEXT,
        attribution TEXT NOT NULL,
        doc TEXT NOT NULL
    );
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        initials TEXT NOT NULL,
        action TEXT NOT NULL
    );
    CREATE TABLE vault_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: de-identified statistics frozen from purged cases (no case id, no day), and which
    #    cases came from another laptop in a bundle (they count where they were opened).
    """
    CREATE TABLE stats_tallies (
        month TEXT NOT NULL CHECK (length(month) = 7),
        measure TEXT NOT NULL,
        category TEXT NOT NULL,
        fictional INTEGER NOT NULL CHECK (fictional IN (0, 1)),
        count INTEGER NOT NULL CHECK (count >= 0),
        PRIMARY KEY (month, measure, category, fictional)
    ) WITHOUT ROWID;
    CREATE TABLE received_cases (
        case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        received_on TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 3: the case format 2 field (fictional) in every stored case.
    upgrade_case_documents,
    # 4: practice vaults keep the order of a trainee's edits for the debrief (real vaults
    #    never write here).
    """
    CREATE TABLE practice_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        doc TEXT NOT NULL
    );
    CREATE INDEX practice_events_case ON practice_events(case_id, seq);
    """,
    # 5: the case format 3 field (practice_scenario) in every stored case.
    upgrade_case_documents,
    # 6: phone checks stored before the five groups say which groups they could not run.
    _v6_phone_check_groups,
    # 7: case format 4 in every stored case: the month of a separation (not a made-up day),
    #    children's visits as yes / no / not asked.
    upgrade_case_documents,
)

CURRENT_VERSION = len(MIGRATIONS)


def read_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def needs_migration(conn: Any) -> bool:
    """True for a vault of an older schema version (not for a new, empty file)."""
    return 1 <= read_version(conn) < CURRENT_VERSION


def migrate(conn: Any, *, before: Callable[[int], None] | None = None) -> None:
    """Apply every migration newer than the vault's version, each in its own transaction.

    `before(old_version)` runs once before the first migration of a vault that already has
    a schema (Vault.open passes the pre-migration backup); it is not run for a new vault.
    """
    version = read_version(conn)
    target = len(MIGRATIONS)
    if before is not None and 1 <= version < target:
        before(version)
    while version < target:
        step = MIGRATIONS[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if isinstance(step, str):
                for statement in _statements(step):
                    conn.execute(statement)
            else:
                step(conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version += 1


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
