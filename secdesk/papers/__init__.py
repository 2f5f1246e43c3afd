"""Paper files kept by SecDesk: a content-addressed store beside the database, and attaching files to papers."""
