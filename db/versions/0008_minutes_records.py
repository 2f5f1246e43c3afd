"""Final minutes as agreed: minutes_record keeps each agreed version's document per level.

One row per (meeting, version, level): the document as canonical JSON (`content`,
sealed like other confidential text when the record holds any), its SHA-256 and when it
was agreed. Meetings made final before this revision have no record: their exports are
built from their rows as before, until they are next agreed.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 18:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_LEVELS = ('white', 'green', 'amber', 'red')


def upgrade() -> None:
    op.create_table('minutes_record',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum(*_LEVELS, name='classification', native_enum=False, length=24), nullable=False),
    sa.Column('classification', sa.Enum(*_LEVELS, name='classification', native_enum=False, length=24), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('agreed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sealed_fields', sa.String(length=200), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_minutes_record_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_record')),
    sa.UniqueConstraint('meeting_id', 'version', 'level', name=op.f('uq_minutes_record_meeting_id_version_level')),
    sa.UniqueConstraint('uuid', name=op.f('uq_minutes_record_uuid'))
    )
    with op.batch_alter_table('minutes_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_record_meeting_id'), ['meeting_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('minutes_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_record_meeting_id'))
    op.drop_table('minutes_record')
