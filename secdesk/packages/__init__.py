"""Meeting packages: one meeting as versioned JSON (docs/meeting-package.md).

`export_meeting` builds the package, `dumps` writes it, `loads` reads text back,
`import_package` validates it and brings a database in line with it.
"""

from secdesk.packages.export import FORMAT, VERSION, dumps, export_meeting
from secdesk.packages.importer import ImportResult, import_package
from secdesk.packages.schema import package_schema
from secdesk.packages.validate import loads, validate

__all__ = [
    "FORMAT", "VERSION", "ImportResult", "dumps", "export_meeting", "import_package", "loads",
    "package_schema", "validate",
]
