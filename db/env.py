"""Alembic environment: SecDesk runs migrations on a connection it opened itself."""

from alembic import context
from sqlalchemy import create_engine

from secdesk.model import Base
from secdesk.store.migrations import mapped_only

target_metadata = Base.metadata
config = context.config


def run_with(connection) -> None:
    # Batch mode lets SQLite alter tables by copy-and-move; autogenerate leaves the search
    # index's tables alone (no model maps them).
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=mapped_only(connection),
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:  # `alembic` from the command line during development
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///secdesk-dev.sqlite"
    with create_engine(url).begin() as dev_connection:
        run_with(dev_connection)
