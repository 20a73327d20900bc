"""documents.outlet_basis: how the document's outlet was found

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 00:40:00

``metadata`` (the container named it: HTML site name, JSONL field), the name of the text rule that
found it (``wire_dateline``, ``byline``, ...), or ``none``. Stored documents of earlier versions get
``metadata`` when they have an outlet and ``none`` otherwise.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outlet_basis', sa.String(length=40), nullable=True))
    op.execute("UPDATE documents SET outlet_basis = CASE WHEN outlet IS NULL THEN 'none' ELSE 'metadata' END")


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('outlet_basis')
