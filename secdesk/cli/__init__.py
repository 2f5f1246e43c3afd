"""The `secdesk` command line."""
