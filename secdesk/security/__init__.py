"""Confidential content at rest: field encryption, the database key, recovery files."""
