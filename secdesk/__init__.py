"""SecDesk: the meeting secretariat's desk."""

__version__ = "0.1.0"
