"""Kill SecDesk while the minute-taker types (live screen, meeting page).

The database opens cleanly and at most a second of typing is lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secdesk.gui.live.kill_drill import SCREENS, prepare_database, run_trial

# Early, mid-word and later moments; bench/killtest.py tries fifty random ones.
KILL_AFTER_SECONDS = (0.4, 1.3, 2.2)


@pytest.mark.slow
@pytest.mark.parametrize("screen", SCREENS)
def test_killed_while_typing_loses_at_most_one_second(tmp_path: Path, screen: str) -> None:
    database = tmp_path / "drill.sqlite"
    item_id = prepare_database(database)
    trials = [
        run_trial(database, item_id, tmp_path / "typed.log", seed=seed, kill_after=after, screen=screen)
        for seed, after in enumerate(KILL_AFTER_SECONDS)
    ]
    for trial in trials:
        assert trial.clean, trial.problems
        assert trial.prefix_ok  # what was saved is exactly the start of what was typed
        assert trial.lost_seconds <= 1.0, trial
    # The drill really typed and really saved: a drill that typed nothing would prove nothing.
    assert all(trial.typed_chars > 20 for trial in trials)
    assert all(trial.saved_chars > 0 for trial in trials[1:])
