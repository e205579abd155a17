"""Which text encoding a campaign file is in: ``--encoding`` when given, else detected.

UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are. A file that is not
valid UTF-8 is usually an Excel or Windows export (cp1252, Latin-1, Mac Roman...): its
encoding is detected with charset-normalizer from the first megabyte, and the whole file is
then checked to decode, so a wrong guess is an error with a line, never garbled text.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from coach.engine.errors import InputError

DETECT_BYTES = 1 << 20
PREFERRED = "cp1252"


def file_encoding(path: Path, name: str, encoding: str | None) -> str:
    """The encoding to read ``path`` with; raises InputError naming the line of a bad byte."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError.at(f"unknown encoding '{encoding}'", field="--encoding") from None
        check_decodes(path, name, encoding)
        return encoding
    guess = _bom_encoding(path, name)
    if _decodes(path, guess):
        return guess
    detected = _detect(path)
    if detected is not None and _decodes(path, detected):
        return detected
    check_decodes(path, name, guess)  # raises with the line of the first bad byte
    return guess


def _detect(path: Path) -> str | None:
    """charset-normalizer's reading of the first megabyte; among equally clean readings,
    cp1252 (a short sample often reads as cleanly in cp1250 or Latin-10, and Excel on
    Windows writes cp1252 far more often than any other single-byte code page)."""
    from charset_normalizer import from_bytes

    with path.open("rb") as handle:
        sample = handle.read(DETECT_BYTES)
    results = list(from_bytes(sample))
    if not results:
        return None
    best = results[0]
    for result in results:
        same = {result.encoding, *result.could_be_from_charset}  # identical decodings
        if PREFERRED in same and result.chaos <= best.chaos:
            return PREFERRED
    return best.encoding


def _bom_encoding(path: Path, name: str) -> str:
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError as error:
        raise InputError.at(f"cannot read file: {error.strerror}", name) from None
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def _decodes(path: Path, encoding: str) -> bool:
    try:
        check_decodes(path, str(path), encoding)
    except InputError:
        return False
    return True


def check_decodes(path: Path, name: str, encoding: str) -> None:
    """Decode the whole file once, cheaply, so a bad byte is reported with its line up front."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = newlines = 0
    label = "UTF-8" if encoding.replace("-", "").lower().startswith("utf8") else encoding
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            pending = decoder.getstate()[0]
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                data = pending + chunk
                bad = offset - len(pending) + error.start
                line = newlines + chunk[: max(error.start - len(pending), 0)].count(b"\n") + 1
                raise InputError.at(
                    f"not valid {label} text (byte 0x{data[error.start]:02x} at offset {bad}); "
                    "save the file as UTF-8 or name its encoding with --encoding "
                    "(a Latin-1 or Windows export: --encoding cp1252)",
                    name,
                    line,
                    field="encoding",
                ) from None
            offset += len(chunk)
            newlines += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError.at(
                f"not valid {label} text: the file ends mid-character",
                name,
                newlines + 1,
                field="encoding",
            ) from None
