"""Risk register (risks, mitigations, impact scale, reviews with snapshots) and activity planner.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:13:53.446372
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('impact_category',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('level_1', sa.Text(), nullable=False),
    sa.Column('level_2', sa.Text(), nullable=False),
    sa.Column('level_3', sa.Text(), nullable=False),
    sa.Column('level_4', sa.Text(), nullable=False),
    sa.Column('level_5', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committee.id'], name=op.f('fk_impact_category_committee_id_committee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_category')),
    sa.UniqueConstraint('committee_id', 'name', name=op.f('uq_impact_category_committee_id_name')),
    sa.UniqueConstraint('uuid', name=op.f('uq_impact_category_uuid'))
    )
    op.create_table('risk',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('impact_category', sa.String(length=100), nullable=True),
    sa.Column('rag_override', sa.Enum('red', 'amber', 'green', name='rag', native_enum=False, length=24), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('owner', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='riskstatus', native_enum=False, length=24), nullable=False),
    sa.Column('classification', sa.Enum('white', 'green', 'amber', 'red', name='classification', native_enum=False, length=24), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committee.id'], name=op.f('fk_risk_committee_id_committee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk')),
    sa.UniqueConstraint('committee_id', 'number', name=op.f('uq_risk_committee_id_number')),
    sa.UniqueConstraint('uuid', name=op.f('uq_risk_uuid'))
    )
    op.create_table('risk_settings',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('amber_from', sa.Integer(), nullable=False),
    sa.Column('red_from', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committee.id'], name=op.f('fk_risk_settings_committee_id_committee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('committee_id', name=op.f('pk_risk_settings'))
    )
    op.create_table('risk_mitigation',
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('in_place', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], name=op.f('fk_risk_mitigation_risk_id_risk'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_mitigation')),
    sa.UniqueConstraint('uuid', name=op.f('uq_risk_mitigation_uuid'))
    )
    op.create_table('planned_item',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('owner', sa.Text(), nullable=False),
    sa.Column('purpose', sa.Enum('decision', 'discussion', 'information', name='purpose', native_enum=False, length=24), nullable=False),
    sa.Column('status', sa.Enum('planned', 'taken', 'rolled', 'dropped', name='planstatus', native_enum=False, length=24), nullable=False),
    sa.Column('classification', sa.Enum('white', 'green', 'amber', 'red', name='classification', native_enum=False, length=24), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('rolled_from_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_planned_item_agenda_item_id_agenda_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['committee_id'], ['committee.id'], name=op.f('fk_planned_item_committee_id_committee'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rolled_from_id'], ['planned_item.id'], name=op.f('fk_planned_item_rolled_from_id_planned_item'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_item')),
    sa.UniqueConstraint('uuid', name=op.f('uq_planned_item_uuid'))
    )
    op.create_table('risk_review',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committee.id'], name=op.f('fk_risk_review_committee_id_committee'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_risk_review_decision_id_decision'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_risk_review_meeting_id_meeting'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_review')),
    sa.UniqueConstraint('uuid', name=op.f('uq_risk_review_uuid'))
    )
    op.create_table('risk_snapshot',
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('risk_uuid', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('rag', sa.Enum('red', 'amber', 'green', name='rag', native_enum=False, length=24), nullable=False),
    sa.Column('owner', sa.Text(), nullable=False),
    sa.Column('mitigations', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='riskstatus', native_enum=False, length=24), nullable=False),
    sa.Column('classification', sa.Enum('white', 'green', 'amber', 'red', name='classification', native_enum=False, length=24), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['risk_review.id'], name=op.f('fk_risk_snapshot_review_id_risk_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_snapshot')),
    sa.UniqueConstraint('uuid', name=op.f('uq_risk_snapshot_uuid'))
    )


def downgrade() -> None:
    op.drop_table('risk_snapshot')
    op.drop_table('risk_review')
    op.drop_table('planned_item')
    op.drop_table('risk_mitigation')
    op.drop_table('risk_settings')
    op.drop_table('risk')
    op.drop_table('impact_category')
