"""An item's minutes as an ordered sequence of blocks (minute_block).

A block is text of its own (a paragraph, sub-heading, bulleted or numbered list, table),
a page break, or the place of the item's typed minutes, one of its decisions or actions,
or its post-meeting note (those keep their rows). Each block is classified on its own;
its text is sealed like other confidential text. Existing items get no rows: an item
with none prints its text, decisions, actions and note in that order, as before.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 18:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_LEVELS = ('white', 'green', 'amber', 'red')
_KINDS = ('text', 'paragraph', 'heading', 'bullets', 'numbered', 'table', 'decision', 'action', 'note',
          'page_break')


def upgrade() -> None:
    op.create_table('minute_block',
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum(*_KINDS, name='blockkind', native_enum=False, length=24), nullable=False),
    sa.Column('classification', sa.Enum(*_LEVELS, name='classification', native_enum=False, length=24),
              nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sealed_fields', sa.String(length=200), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'],
                            name=op.f('fk_minute_block_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'],
                            name=op.f('fk_minute_block_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'],
                            name=op.f('fk_minute_block_action_id_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minute_block')),
    sa.UniqueConstraint('uuid', name=op.f('uq_minute_block_uuid')),
    )
    with op.batch_alter_table('minute_block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minute_block_agenda_item_id'), ['agenda_item_id'], unique=False)
        # A decision or action has one place in its item's minutes.
        for column in ('decision_id', 'action_id'):
            batch_op.create_index(batch_op.f(f'ix_minute_block_{column}'), [column], unique=True)


def downgrade() -> None:
    op.drop_table('minute_block')
