"""Importing existing minutes (Word, PDF, text) into SecDesk.

Three layers, each usable on its own:
- `text_extract`: a file -> numbered lines, page furniture removed (pure);
- `parser`: lines -> `ParsedMinutes`, every element with a confidence and its
  source lines (pure);
- `apply`: `ParsedMinutes` -> rows, through the services, in one transaction.
"""

from secdesk.errors import SecDeskError


class MinutesImportError(SecDeskError):
    """The file cannot be imported as minutes; nothing was written."""
