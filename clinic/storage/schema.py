"""Vault schema: ordered forward migrations keyed by `PRAGMA user_version`.

A migration runs inside one transaction with the version bump, so a crash leaves the
vault at the old version or the new one, never between.
"""

from __future__ import annotations

from typing import Any

MIGRATIONS: tuple[str, ...] = (
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
)

CURRENT_VERSION = len(MIGRATIONS)


def read_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any) -> None:
    """Apply every migration newer than the vault's version, each in its own transaction."""
    version = read_version(conn)
    while version < CURRENT_VERSION:
        script = MIGRATIONS[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
