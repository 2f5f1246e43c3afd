"""Find and the search index cover the text of an item's own blocks (minute_block.content).

The same FTS5 trigram table and triggers as migration 0006 gives the other searched tables:
a sealed block is indexed as '' (its text is matched in memory while the key is here), and
the index is optimised when text that was plaintext is sealed. Only on SQLite.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 18:50:00
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_SHOWN = "CASE WHEN instr(',' || {row}.sealed_fields || ',', ',content,') THEN '' ELSE {row}.content END"


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    insert = f"INSERT INTO search_minute_block (rowid, content) VALUES (new.id, {_SHOWN.format(row='new')});"
    sealed_now = ("instr(',' || new.sealed_fields || ',', ',content,') AND NOT instr(',' || old.sealed_fields "
                  "|| ',', ',content,') AND coalesce(old.content, '') != ''")
    op.execute("CREATE VIRTUAL TABLE search_minute_block USING fts5(content, tokenize='trigram', columnsize=0)")
    op.execute(f'CREATE TRIGGER search_minute_block_insert AFTER INSERT ON "minute_block" BEGIN {insert} END')
    op.execute('CREATE TRIGGER search_minute_block_delete AFTER DELETE ON "minute_block" BEGIN '
               'DELETE FROM search_minute_block WHERE rowid = old.id; END')
    op.execute('CREATE TRIGGER search_minute_block_update AFTER UPDATE OF content, sealed_fields ON "minute_block" '
               f'BEGIN DELETE FROM search_minute_block WHERE rowid = old.id; {insert} '
               f"INSERT INTO search_minute_block (search_minute_block) SELECT 'optimize' WHERE {sealed_now}; END")
    op.execute(f'INSERT INTO search_minute_block (rowid, content) SELECT new.id, {_SHOWN.format(row="new")} '
               'FROM "minute_block" AS new')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for trigger in ('insert', 'delete', 'update'):
        op.execute(f'DROP TRIGGER IF EXISTS search_minute_block_{trigger}')
    op.execute('DROP TABLE IF EXISTS search_minute_block')
