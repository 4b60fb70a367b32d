"""Bytes to text: encodings, byte-order marks and binary files."""
from __future__ import annotations

import codecs

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_TEXT_CONTROLS = {"\t", "\n", "\v", "\f", "\r"}
_SAMPLE = 8192


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode UTF-16 (with a BOM) or UTF-8 (BOM dropped); bad bytes become U+FFFD with a warning."""
    if data.startswith(_UTF16_BOMS):
        return _decode(data, "utf-16", "UTF-16", 0)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    return _decode(data, "utf-8-sig", "UTF-8", bom)


def _decode(data: bytes, encoding: str, label: str, skipped: int) -> tuple[str, tuple[str, ...]]:
    """Decode strictly if possible, else with replacement and a warning naming the first bad byte."""
    try:
        return data.decode(encoding), ()
    except UnicodeDecodeError as error:
        warning = (
            f"not valid {label} (first bad byte at offset {error.start + skipped}); "
            "undecodable bytes were replaced with U+FFFD"
        )
        return data.decode(encoding, errors="replace"), (warning,)


def looks_binary(text: str) -> bool:
    """True when the first 8 KB hold a NUL or more than 5% control characters.

    Text (even decoded with replacement) has neither, while images, archives and executables
    are full of both; 5% leaves room for a stray escape or form feed.
    """
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return True
    controls = sum(1 for c in sample if (c < " " and c not in _TEXT_CONTROLS) or c == "\x7f")
    return controls > 0.05 * len(sample)
