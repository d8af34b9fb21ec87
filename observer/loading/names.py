"""How names are compared: headers, file and sheet names, and the names of parties and channels.

People write 'Share pct ', 'SHARE-PCT' or '«Нұр Отан»'; a name matches when it is the same word
whatever its case, spacing, quotes and hyphens."""

from __future__ import annotations

import re
import unicodedata


_QUOTES = re.compile(r"[«»“”„\"'`]")
_SPACES = re.compile(r"\s+")


_ASCII_QUOTES = str.maketrans("", "", "\"'`")


def key(text: str) -> str:
    """Header, file and name matching: case-, space- and quote-insensitive."""
    text = str(text)
    if text.isascii():  # the same result, without Unicode normalisation: most names of a log are ASCII
        return " ".join(text.translate(_ASCII_QUOTES).split()).lower()
    text = unicodedata.normalize("NFKC", text).replace("\ufeff", "").replace("\u200b", "")
    return _SPACES.sub(" ", _QUOTES.sub("", text)).strip().casefold()


def header_key(text: str) -> str:
    """'Share pct ', 'share-pct' and 'SHARE_PCT' are all share_pct."""
    return re.sub(r"[\s\-]+", "_", key(text))


def base_name(filename: str) -> str:
    return filename.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def extension(filename: str) -> str:
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "." + base.rsplit(".", 1)[-1] if "." in base else ""


def table_name_of(filename: str, tables) -> str | None:
    """The contract table a file is named after (case, spaces and hyphens do not matter)."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    wanted = header_key(stem)
    return next((name for name in tables if header_key(name) == wanted), None)
