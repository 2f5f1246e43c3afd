"""Dates and facts as the record has them, nothing invented.

- meeting.month_only: a historic meeting known only by its month ("March 2017"); its
  date holds the 1st of that month and no day is printed or put in its identifier.
- meeting.approved_ex_committee: the minutes were approved ex-committee, whether or not
  the date is recorded (approved_ex_committee_on stays the date when it is).
- action_update.status_after may be null: an Actions Outstanding row that states no status.
- action_update.position: the order the secretary gave the rows of the table.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 18:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_STATUSES = ('open', 'ongoing', 'closed')


def upgrade() -> None:
    op.add_column('meeting', sa.Column('month_only', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('meeting', sa.Column('approved_ex_committee', sa.Boolean(), server_default=sa.false(),
                                       nullable=False))
    op.execute("UPDATE meeting SET approved_ex_committee = TRUE WHERE approved_ex_committee_on IS NOT NULL")
    with op.batch_alter_table('action_update', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default='0', nullable=False))
        batch_op.alter_column('status_after', existing_type=sa.String(length=24), nullable=True)
    _search_triggers_again()


def _search_triggers_again() -> None:
    """SQLite's batch mode copies action_update into a new table, and its search triggers (0006)
    went with the old one: the same triggers again, and the index rebuilt from the rows."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    shown = "CASE WHEN instr(',' || {row}.sealed_fields || ',', ',text,') THEN '' ELSE {row}.text END"
    insert = f"INSERT INTO search_action_update (rowid, text) VALUES (new.id, {shown.format(row='new')});"
    sealed_now = ("instr(',' || new.sealed_fields || ',', ',text,') AND NOT instr(',' || old.sealed_fields || ',', "
                  "',text,') AND coalesce(old.text, '') != ''")
    op.execute(f'CREATE TRIGGER search_action_update_insert AFTER INSERT ON "action_update" BEGIN {insert} END')
    op.execute('CREATE TRIGGER search_action_update_delete AFTER DELETE ON "action_update" BEGIN '
               'DELETE FROM search_action_update WHERE rowid = old.id; END')
    op.execute('CREATE TRIGGER search_action_update_update AFTER UPDATE OF text, sealed_fields ON "action_update" '
               f'BEGIN DELETE FROM search_action_update WHERE rowid = old.id; {insert} '
               f"INSERT INTO search_action_update (search_action_update) SELECT 'optimize' WHERE {sealed_now}; END")
    op.execute('DELETE FROM search_action_update')
    op.execute(f'INSERT INTO search_action_update (rowid, text) SELECT new.id, {shown.format(row="new")} '
               'FROM "action_update" AS new')


def downgrade() -> None:
    op.execute("UPDATE action_update SET status_after = 'ongoing' WHERE status_after IS NULL")
    with op.batch_alter_table('action_update', schema=None) as batch_op:
        batch_op.alter_column('status_after', existing_type=sa.String(length=24), nullable=False)
        batch_op.drop_column('position')
    _search_triggers_again()
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('approved_ex_committee')
        batch_op.drop_column('month_only')
