"""Named, recorded schema migrations for the DuckDB store.

Each migration runs once, in order, and is recorded by name in the
``migrations`` table. Add new ones at the end of ``MIGRATIONS``; never edit or
reorder one that has shipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import duckdb

_LEDGER = """
CREATE TABLE IF NOT EXISTS migrations (
    name       VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


def _sql(name: str) -> str:
    return resources.files("bilat.store").joinpath(name).read_text(encoding="utf-8")


def all_migrations() -> tuple[Migration, ...]:
    """Every migration bilat knows, oldest first."""
    return (
        Migration("0001_initial", _sql("schema.sql")),
        Migration("0002_event_coreference", _sql("0002_event_coreference.sql")),
        Migration("0003_claims", _sql("0003_claims.sql")),
        Migration("0004_stories", _sql("0004_stories.sql")),
    )


def applied(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the migrations already recorded in this store ({} for a new file)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return set()
    return {name for (name,) in con.execute("SELECT name FROM migrations").fetchall()}


def pending(con: duckdb.DuckDBPyConnection) -> list[Migration]:
    done = applied(con)
    return [m for m in all_migrations() if m.name not in done]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the pending migrations, each in its own transaction; return their names."""
    con.execute(_LEDGER)
    names = []
    for migration in pending(con):
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute("INSERT INTO migrations (name) VALUES (?)", [migration.name])
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        names.append(migration.name)
    return names
