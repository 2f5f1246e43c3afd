"""Errors a user can cause or fix. Anything else is a bug."""


class SecDeskError(Exception):
    """A problem the user can understand and act on; shown without a traceback."""


class NotFoundError(SecDeskError):
    pass


class ValidationError(SecDeskError):
    pass


class DuplicateError(ValidationError):
    pass


class MinutesLockedError(SecDeskError):
    pass


class DatabaseError(SecDeskError):
    """The database file cannot be used as it is."""


class DatabaseLockedError(DatabaseError):
    pass


class CorruptDatabaseError(DatabaseError):
    pass


class ForeignFileError(DatabaseError):
    pass


class NewerSchemaError(DatabaseError):
    pass


class PackageError(SecDeskError):
    """A meeting package is malformed; the message names the field and its path."""
