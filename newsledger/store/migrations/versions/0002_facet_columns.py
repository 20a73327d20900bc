"""facet columns: events, figures and claims get real columns for what people facet and sort on

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 23:40:00

Events: sub_event_type, admin1, actor1, actor2, fatalities_low/best/high, n_documents (filled from
the ``data`` JSON, which stays the full record). Figures and claims: the reporting document's
outlet and published date (filled from ``documents``).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

EVENT_COLUMNS = [
    ("sub_event_type", sa.String(length=60), True),
    ("admin1", sa.Text(), True),
    ("actor1", sa.Text(), True),
    ("actor2", sa.Text(), True),
    ("fatalities_low", sa.Integer(), False),
    ("fatalities_best", sa.Integer(), True),
    ("fatalities_high", sa.Integer(), False),
    ("n_documents", sa.Integer(), False),
]


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        for name, type_, indexed in EVENT_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    for name, _type, indexed in EVENT_COLUMNS:
        if indexed:
            op.create_index(f'ix_events_{name}', 'events', [name], unique=False)
    op.create_index('ix_events_event_type', 'events', ['event_type'], unique=False)
    op.create_index('ix_events_country', 'events', ['country'], unique=False)
    for table in ('figures', 'claims'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('outlet', sa.String(length=200), nullable=True))
            batch_op.add_column(sa.Column('published', sa.String(length=10), nullable=True))
        op.create_index(f'ix_{table}_outlet', table, ['outlet'], unique=False)
        op.create_index(f'ix_{table}_published', table, ['published'], unique=False)
        op.execute(f"UPDATE {table} SET outlet = (SELECT outlet FROM documents WHERE documents.doc_id = {table}.doc_id), "
                   f"published = (SELECT published FROM documents WHERE documents.doc_id = {table}.doc_id)")
    _fill_events()


def _fill_events() -> None:
    from newsledger.store.schema import event_columns

    conn = op.get_bind()
    events = sa.table('events', sa.column('event_id'), sa.column('data', sa.JSON),
                      *(sa.column(name) for name, _t, _i in EVENT_COLUMNS))
    rows = [event_columns({**(data or {}), "event_id": eid, "event_type": (data or {}).get("event_type") or ""})
            for eid, data in conn.execute(sa.select(events.c.event_id, events.c.data))]
    if rows:
        conn.execute(events.update().where(events.c.event_id == sa.bindparam('b_event_id')).values(
            {name: sa.bindparam(name) for name, _t, _i in EVENT_COLUMNS}),
            [{"b_event_id": r["event_id"], **{name: r[name] for name, _t, _i in EVENT_COLUMNS}} for r in rows])


def downgrade() -> None:
    for table in ('figures', 'claims'):
        op.drop_index(f'ix_{table}_published', table_name=table)
        op.drop_index(f'ix_{table}_outlet', table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('published')
            batch_op.drop_column('outlet')
    op.drop_index('ix_events_country', table_name='events')
    op.drop_index('ix_events_event_type', table_name='events')
    for name, _type, indexed in EVENT_COLUMNS:
        if indexed:
            op.drop_index(f'ix_events_{name}', table_name='events')
    with op.batch_alter_table('events', schema=None) as batch_op:
        for name, _type, _indexed in reversed(EVENT_COLUMNS):
            batch_op.drop_column(name)
