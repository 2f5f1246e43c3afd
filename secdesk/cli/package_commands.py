"""Subcommands of this area (filled in by its issue)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands; each sets `handler` to a function(args) -> int."""
