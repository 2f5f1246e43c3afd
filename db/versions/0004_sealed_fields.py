"""Sealed fields recorded per row; the presenter and a risk's override reason become confidential.

Until now a stored value was taken for ciphertext when it began with `sdenc1:`, so White
text that happened to begin so was taken for ciphertext. Each classified row now names
its sealed fields in `sealed_fields`. This migration fills it from what 0002/0003 wrote:
a field is sealed when its row's effective level is above White and its value has the
prefix (the old code sealed exactly those). The two fields that become confidential
are sealed when the database is next opened with its key (the `seal_pending` setting).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 11:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_ABOVE = "classification != 'white'"
_ITEM_ABOVE = f"agenda_item_id IN (SELECT id FROM agenda_item WHERE {_ABOVE})"
_PAPER_ABOVE = f"paper_id IN (SELECT id FROM paper WHERE {_ABOVE} OR {_ITEM_ABOVE})"
_ACTION_ABOVE = f"action_id IN (SELECT id FROM action WHERE {_ABOVE} OR {_ITEM_ABOVE})"

# table -> (fields sealed by earlier versions, when the row is above White)
_TABLES = {
    'agenda_item': (("title", "minutes", "post_meeting_note"), _ABOVE),
    'decision': (("text",), f"{_ABOVE} OR {_ITEM_ABOVE}"),
    'paper': (("title",), f"{_ABOVE} OR {_ITEM_ABOVE}"),
    'paper_file': (("label", "filename"), f"{_ABOVE} OR {_PAPER_ABOVE}"),
    'action': (("text", "owner"), f"{_ABOVE} OR {_ITEM_ABOVE}"),
    'action_update': (("text",), _ACTION_ABOVE),
    'risk': (("description", "owner"), _ABOVE),
    'risk_mitigation': (("text",), f"risk_id IN (SELECT id FROM risk WHERE {_ABOVE})"),
    'risk_snapshot': (("description", "owner", "mitigations"), _ABOVE),
    'planned_item': (("title", "owner"), _ABOVE),
}


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('sealed_fields', sa.String(length=200), server_default='', nullable=False))
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.alter_column('presenter', existing_type=sa.VARCHAR(length=200), type_=sa.Text(),
                              existing_nullable=True)

    connection = op.get_bind()
    for table, (fields, above) in _TABLES.items():
        # Each sealed field's name, in alphabetical order, joined by commas.
        parts = " || ".join(
            f"CASE WHEN {field} LIKE 'sdenc1:%' THEN '{field},' ELSE '' END" for field in sorted(fields)
        )
        connection.execute(sa.text(f"UPDATE {table} SET sealed_fields = {parts} WHERE {above}"))
        connection.execute(sa.text(
            f"UPDATE {table} SET sealed_fields = substr(sealed_fields, 1, length(sealed_fields) - 1) "
            "WHERE sealed_fields != ''"
        ))
    connection.execute(sa.text(
        "INSERT INTO database_setting (name, value) "
        "SELECT 'seal_pending', 'agenda_item.presenter,risk.override_reason' "
        "WHERE EXISTS (SELECT 1 FROM agenda_item WHERE presenter != '') "
        "OR EXISTS (SELECT 1 FROM risk WHERE override_reason != '')"
    ))


def downgrade() -> None:
    op.execute("DELETE FROM database_setting WHERE name = 'seal_pending'")
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.alter_column('presenter', existing_type=sa.Text(), type_=sa.VARCHAR(length=200),
                              existing_nullable=True)
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('sealed_fields')
