"""Text as SecDesk keeps it: no control characters, no non-characters, no lone surrogates.

Word and Excel files are XML, and XML 1.0 cannot hold most control characters, the
non-characters U+FFFE and U+FFFF, or half a surrogate pair: one such character in a
stored text and every later export that prints it fails. Text is therefore cleaned as
it enters (secdesk/model/clean_text.py applies `clean_text` to every text column on
assignment, whichever way the text came: window, command line, package, import).

Plain Python, no SQLAlchemy: the writers use it too, for databases written before text
was cleaned.
"""

from __future__ import annotations

import re

# Line separators become newlines rather than vanishing, so the words they separate stay
# apart: Word puts \x0b (vertical tab) for a manual line break in copied text.
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x85]")
# C0 controls except tab and newline, DEL, the other C1 controls, the two non-characters
# XML forbids, and surrogate code points (a Python str holds them only when unpaired, or
# as a pair left unjoined by a careless decoder).
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_ANY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _join_pair(match: re.Match[str]) -> str:
    high, low = (ord(c) for c in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def clean_text(text: str) -> str:
    """`text` with \\r\\n and lone \\r (and \\v, \\f, NEL) as \\n and other control characters removed.

    Tab and newline stay; a surrogate pair is joined into its character; anything else
    XML cannot hold is dropped. Clean text is returned as it is (the same object).
    """
    if not _ANY.search(text):
        return text
    text = _NEWLINES.sub("\n", text)
    text = _SURROGATE_PAIR.sub(_join_pair, text)
    return _UNWANTED.sub("", text)


def is_clean(text: str) -> bool:
    return _ANY.search(text) is None
