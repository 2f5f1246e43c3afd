"""Indexes on the foreign keys that lookups follow (a meeting's items, an action's updates...).

Without them the action log, the minutes and the packs scan whole tables for each
meeting, item or action, and deleting a meeting scans every table that refers to it.
Foreign keys already first in a unique constraint (meeting.committee_id,
action_update.action_id, attendance.meeting_id...) are indexed by it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:30:00
"""
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# table -> indexed columns; each index is named ix_<table>_<column>.
_INDEXES = {
    'action': ('agenda_item_id', 'closed_at_meeting_id', 'committee_id', 'meeting_id'),
    'action_update': ('meeting_id',),
    'agenda_item': ('meeting_id',),
    'decision': ('agenda_item_id',),
    'membership': ('committee_id',),
    'paper': ('agenda_item_id',),
    'paper_file': ('paper_id',),
    'planned_item': ('agenda_item_id', 'committee_id'),
    'risk_mitigation': ('risk_id',),
    'risk_review': ('committee_id', 'meeting_id'),
    'risk_snapshot': ('review_id',),
    'standing_item': ('committee_id',),
}


def upgrade() -> None:
    for table, columns in _INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def downgrade() -> None:
    for table, columns in _INDEXES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
