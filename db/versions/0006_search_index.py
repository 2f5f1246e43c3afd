"""Full-text search tables (SQLite FTS5, trigram) for the plaintext that Find and the actions log match.

One FTS5 table per searched table, named search_<table>, its rowid the row's id.
Triggers keep them in step with every insert, update and delete, so the window,
the command line, the importers and undo need no code of their own. A field
listed in the row's sealed_fields holds ciphertext: it is indexed as '' (the
confidential text is matched in memory, decrypted, while the key is here).
When a field becomes sealed, the table is optimised so that no trace of the
text it held before stays in the index's older segments (secure_delete zeroes
the pages that frees). Only on SQLite: other databases search with LIKE.

The trigram tokenizer matches any part of a word of three characters or more,
as the LIKE '%word%' it replaces did; shorter words are still matched with LIKE.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 15:00:00
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# table -> (columns that may be sealed, columns that never are); secdesk/services/search.py
# reads the same table names and columns.
_INDEXED = {
    'action': (('owner', 'text'), ('reference',)),
    'action_update': (('text',), ()),
    'agenda_item': (('title', 'minutes', 'post_meeting_note'), ('public_title',)),
    'decision': (('text',), ('verb',)),
    'paper': (('title',), ('reference',)),
    'person': ((), ('name',)),
}


def _columns(table: str) -> list[str]:
    sealable, public = _INDEXED[table]
    return [*public, *sealable]


def _values(table: str, row: str) -> str:
    """The indexed values of `row` (new or old): '' in place of a sealed field's ciphertext."""
    sealable, public = _INDEXED[table]
    shown = [f'{row}.{c}' for c in public]
    shown += [f"CASE WHEN instr(',' || {row}.sealed_fields || ',', ',{c},') THEN '' ELSE {row}.{c} END" for c in sealable]
    return ', '.join(shown)


def _unsealed_text_sealed(table: str) -> str:
    """True in an update trigger when a field that held plaintext is sealed by it."""
    sealable, _public = _INDEXED[table]

    def listed(row: str, column: str) -> str:
        return f"instr(',' || {row}.sealed_fields || ',', ',{column},')"

    return ' OR '.join(
        f"({listed('new', c)} AND NOT {listed('old', c)} AND coalesce(old.{c}, '') != '')" for c in sealable
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table, (sealable, _public) in _INDEXED.items():
        search, columns = f'search_{table}', ', '.join(_columns(table))
        op.execute(f"CREATE VIRTUAL TABLE {search} USING fts5({columns}, tokenize='trigram', columnsize=0)")
        insert = f'INSERT INTO {search} (rowid, {columns}) VALUES (new.id, {_values(table, "new")});'
        op.execute(f'CREATE TRIGGER {search}_insert AFTER INSERT ON "{table}" BEGIN {insert} END')
        op.execute(f'CREATE TRIGGER {search}_delete AFTER DELETE ON "{table}" BEGIN '
                   f'DELETE FROM {search} WHERE rowid = old.id; END')
        watched = ', '.join([*_columns(table), *(('sealed_fields',) if sealable else ())])
        # Sealing text that was plaintext leaves its tokens in older index segments until some later
        # merge: optimising rewrites the index without them, after the row is indexed again. Only
        # then (a row made confidential): a field sealed as it is first typed was never indexed.
        purge = (f"INSERT INTO {search} ({search}) SELECT 'optimize' WHERE {_unsealed_text_sealed(table)};"
                 if sealable else '')
        op.execute(f'CREATE TRIGGER {search}_update AFTER UPDATE OF {watched} ON "{table}" BEGIN '
                   f'DELETE FROM {search} WHERE rowid = old.id; {insert} {purge} END')
        # The rows already there, as the insert trigger would have indexed them.
        op.execute(f'INSERT INTO {search} (rowid, {columns}) SELECT new.id, {_values(table, "new")} '
                   f'FROM "{table}" AS new')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table in _INDEXED:
        search = f'search_{table}'
        for trigger in ('insert', 'delete', 'update'):
            op.execute(f'DROP TRIGGER IF EXISTS {search}_{trigger}')
        op.execute(f'DROP TABLE IF EXISTS {search}')
