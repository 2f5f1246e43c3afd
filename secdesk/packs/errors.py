"""What can stop a pack: each names the paper and the reason."""

from __future__ import annotations

from secdesk.errors import SecDeskError


class PackError(SecDeskError):
    """A pack could not be built; nothing was written."""


class PaperProblem(PackError):
    def __init__(self, reference: str, reason: str):
        super().__init__(f"Paper {reference}: {reason}. No pack was written.")
        self.reference = reference
        self.reason = reason


class PackCancelled(PackError):
    def __init__(self) -> None:
        super().__init__("The pack was cancelled; nothing was written.")
