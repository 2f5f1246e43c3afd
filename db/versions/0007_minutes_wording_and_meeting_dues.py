"""How the minutes word things, and actions due at a meeting.

committee.minutes_name ("SEC Panel"), chair_category ("SEC Panel Chair") and
confidential_notice (the committee's placeholder line); agenda_item.public_summary
(what White minutes say of a confidential item); action.due_text (the due meeting
as written, confidential like the action's text) and due_meeting ('next' or a month).
All nullable: existing rows read as before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 17:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

def _columns() -> dict[str, tuple[sa.Column, ...]]:
    # New Column objects each time: a Column belongs to one table, and tests migrate many files.
    return {
        'committee': (
            sa.Column('minutes_name', sa.String(length=100), nullable=True),
            sa.Column('chair_category', sa.String(length=100), nullable=True),
            sa.Column('confidential_notice', sa.Text(), nullable=True),
        ),
        'agenda_item': (sa.Column('public_summary', sa.Text(), nullable=True),),
        'action': (
            sa.Column('due_text', sa.Text(), nullable=True),
            sa.Column('due_meeting', sa.String(length=7), nullable=True),
        ),
    }


def upgrade() -> None:
    for table, columns in _columns().items():
        # Adding a nullable column needs no table copy, even on SQLite.
        for column in columns:
            op.add_column(table, column)


def downgrade() -> None:
    for table, columns in _columns().items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in reversed(columns):
                batch_op.drop_column(column.name)
