"""Already-OCR'd text files, in any common encoding; form feeds separate pages."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from pipeline.errors import UnsupportedFile


def decode(data: bytes, name: str = "file") -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFile(f"{name}: binary data, not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("ascii", "utf_8"):
        # Western European text that is not UTF-8 is almost always CP1252 or Latin-1: prefer
        # CP1252 when the detector hesitates between single-byte Latin codecs.
        enc = best.encoding
        if enc.startswith(("latin", "iso8859", "cp125", "mac")):
            enc = "cp1252"
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def read_pages(path: Path) -> list[str]:
    text = decode(path.read_bytes(), path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages
