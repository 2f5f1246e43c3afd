"""A switch for smoke tests: the window quits by itself after a delay.

CI starts the built program offscreen with `SECDESK_SMOKE_QUIT_MS=1500` and expects
it to show the window, then close it cleanly (exit code 0) with nobody there to
click. The window calls `maybe_schedule_quit(app)` once its QApplication exists;
without the variable nothing happens. Calling it twice schedules one quit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

from secdesk.errors import ValidationError

QUIT_AFTER_VARIABLE = "SECDESK_SMOKE_QUIT_MS"
_SCHEDULED_PROPERTY = "secdeskSmokeQuitScheduled"


def quit_delay_ms(environ: Mapping[str, str] = os.environ) -> int | None:
    """The delay the variable asks for, or None when it is unset or empty."""
    raw = environ.get(QUIT_AFTER_VARIABLE, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError(
            f"{QUIT_AFTER_VARIABLE} must be a number of milliseconds, not {raw!r}"
        )
    return int(raw)


def maybe_schedule_quit(app: Any) -> bool:
    """Ask the QApplication `app` to quit after the delay; True when a quit was scheduled."""
    delay = quit_delay_ms()
    if delay is None or app.property(_SCHEDULED_PROPERTY):
        return False
    app.setProperty(_SCHEDULED_PROPERTY, True)
    # The core imports no Qt: it uses the QtCore that the application handed in has loaded.
    # quit() closes the windows first (they may save), then ends app.exec() with 0.
    sys.modules["PySide6.QtCore"].QTimer.singleShot(delay, app.quit)
    return True
