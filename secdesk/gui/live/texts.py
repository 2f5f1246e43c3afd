"""Autosave for text typed during a meeting: the window's one mechanism, with shorter waits.

`LiveText` is `DebouncedText` (saved after a pause, and at the latest after a
maximum wait while typing goes on, never rewritten under the cursor) with the
live screen's tighter timings: a crash in a meeting loses at most 0.6 s of typing.
"""

from __future__ import annotations

from secdesk.gui.autosave import Commit, DebouncedText, TextWidget
from secdesk.gui.editor import Editor

LIVE_DELAY_MS = 300
LIVE_MAX_WAIT_MS = 600


class LiveText(DebouncedText):
    def __init__(
        self,
        editor: Editor,
        widget: TextWidget,
        commit: Commit,
        delay_ms: int = LIVE_DELAY_MS,
        max_wait_ms: int = LIVE_MAX_WAIT_MS,
    ) -> None:
        super().__init__(editor, widget, commit, delay_ms, max_wait_ms)
