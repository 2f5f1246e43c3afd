"""The spelling rules of typed text, in British English: which words are misspelt, what to suggest.

No spelling library here and no Qt: the window hands in a dictionary (anything with
`check` and `suggest`, as pyenchant's is) and underlines what `Spelling.misspellings`
finds. Beyond the dictionary, the committees' vocabulary is accepted as it is written
(acronyms in capitals such as TABASC, SECAS or DCC, words with digits such as TABASC46 or
references, the bodies the minutes name), and so are the words a user adds with "Add to
dictionary": they are kept one a line in the user's data folder, so they follow the user
from meeting to meeting and are never part of a meeting's database.

The house writes -ise, not -ize: the British dictionary accepts both ("organization" is
Oxford spelling), so a word whose -ise form is a word is marked, with that form first.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

from secdesk.paths import data_dir

LANGUAGE = "en_GB"
WORDS_FILE_NAME = f"spelling-words-{LANGUAGE}.txt"
MAX_SUGGESTIONS = 5

# Names the committees write that a general dictionary lacks. Capitals-only acronyms need no
# entry (any word in capitals is accepted); these are the mixed-case ones and the house's
# own words, in its British spelling.
HOUSE_WORDS = frozenset(
    """
    Ofgem Elexon Xoserve Gemserv DESNZ BEIS SECAS TABASC SECP DCC SEC SMETS CoS
    minuted minuting minutee secretariat secretariats organisation organisations organisational
    programme programmes judgement licence licences licensee licensees offline online
    """.split()
)

# A word: letters, digits and underscores, with apostrophes inside ("Panel's", "don't").
# Hyphens and slashes split words, so each part of "post-meeting" is checked.
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
# Not prose: web addresses, e-mail addresses and file paths are left alone.
_NOT_PROSE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|(?:[A-Za-z]:)?[\\/]\S*[\\/]\S*")
# The American -ize family; its -ise form is the house's ("organization" -> "organisation").
_IZE = re.compile(r"^(.{2,})iz(e|es|ed|ing|er|ers|ation|ations|ational)$", re.IGNORECASE)


class Dictionary(Protocol):
    def check(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


def words_file() -> Path:
    return data_dir() / WORDS_FILE_NAME


class UserWords:
    """The words a user added with "Add to dictionary", one a line in a UTF-8 file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.words: set[str] = set(self._read())

    def _read(self) -> list[str]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [line.strip() for line in lines if line.strip() and not line.startswith("#")]

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def add(self, word: str) -> None:
        word = word.strip()
        if not word or any(c.isspace() for c in word):
            raise ValueError(f"not one word: {word!r}")
        # Another window (or another SecDesk) may have added words since this one read the file.
        self.words |= set(self._read()) | {word}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".new")
        partial.write_text("".join(f"{w}\n" for w in sorted(self.words, key=str.casefold)), encoding="utf-8")
        os.replace(partial, self.path)  # a crash leaves the old list or the new one, never half of one


def _accepted_in(word: str, words: set[str] | frozenset[str]) -> bool:
    """In a word list as written, or a lower-case entry written with capitals ("Minuted" at a sentence's start)."""
    if word in words:
        return True
    lower = word.lower()
    return lower != word and lower in words


def is_vocabulary(word: str) -> bool:
    """A word the committees write that no dictionary need know: acronyms, codes and references."""
    if any(c.isdigit() or c == "_" for c in word):
        return True  # TABASC46, SECP_30, 2024/25, 3rd: codes, references, numbers
    base = re.sub(r"['\u2019]s$", "", word)
    if len(base) >= 2 and base.isupper():
        return True  # DCC, TABASC, DCC's
    if len(base) >= 3 and base.endswith("s") and base[:-1].isupper():
        return True  # DCCs
    return _accepted_in(base, HOUSE_WORDS)


class Spelling:
    """Checks words against the dictionary, the committees' vocabulary and the user's words."""

    def __init__(self, dictionary: Dictionary, user_words: UserWords) -> None:
        self.dictionary = dictionary
        self.user_words = user_words
        self.ignored: set[str] = set()  # "Ignore": until SecDesk closes, in every box
        self._verdicts: dict[str, bool] = {}  # a box is checked again on every keystroke: each word asked once

    def _house_form(self, word: str) -> str | None:
        """The -ise form the house writes for an -ize word, when the dictionary knows it."""
        match = _IZE.match(word)
        if match is None:
            return None
        british = f"{match.group(1)}{'IS' if word.isupper() else 'is'}{match.group(2)}"
        return british if self.dictionary.check(british) else None

    def is_misspelt(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            if len(self._verdicts) > 100_000:
                self._verdicts.clear()
            verdict = self._verdicts[word] = self._is_misspelt(word)
        return verdict

    def _is_misspelt(self, word: str) -> bool:
        if word in self.ignored or _accepted_in(word, self.user_words.words) or is_vocabulary(word):
            return False
        if self._house_form(word) is not None:
            return True
        return not self.dictionary.check(word)

    def misspellings(self, text: str) -> list[tuple[int, int]]:
        """The misspelt words of a text, as (start, end) character positions."""
        maybe_not_prose = "/" in text or "\\" in text or "@" in text or "www." in text
        skipped = [match.span() for match in _NOT_PROSE.finditer(text)] if maybe_not_prose else []
        found = []
        for match in _WORD.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skipped):
                continue
            if self.is_misspelt(match.group()):
                found.append((start, end))
        return found

    def suggestions(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Up to `limit` replacements, best first; the house's -ise form first for an -ize word."""
        house = self._house_form(word)
        chosen: list[str] = [house] if house else []
        for suggestion in self.dictionary.suggest(word):
            suggestion = self._house_form(suggestion) or suggestion  # never suggest the -ize form
            if suggestion not in chosen and suggestion != word:
                chosen.append(suggestion)
            if len(chosen) >= limit:
                break
        return chosen[:limit]

    def add(self, word: str) -> None:
        """"Add to dictionary": accepted from now on, kept in the user's word list."""
        self.user_words.add(word)
        self._verdicts.clear()

    def ignore(self, word: str) -> None:
        self.ignored.add(word)
        self._verdicts.clear()
