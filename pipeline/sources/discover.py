"""Find the input documents of a folder, and what identifies each: its path and its content."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.record import Document

PDF_EXT = {".pdf"}
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
TEXT_EXT = {".txt"}
SUPPORTED = PDF_EXT | IMAGE_EXT | TEXT_EXT


def kind_of(path: Path) -> str:
    ext = path.suffix.lower()
    if ext in PDF_EXT:
        return "pdf"
    if ext in IMAGE_EXT:
        return "image"
    if ext in TEXT_EXT:
        return "text"
    raise UsageError(f"{path.name}: unsupported file type '{ext}' (expected one of {', '.join(sorted(SUPPORTED))})")


def sha256_of(path: Path) -> str:
    """The document's identity by content: an unchanged file is never read again."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pages_of(path: Path, kind: str) -> int:
    """A cheap page count, before the file is read; 1 when it cannot be counted (reading it will
    say why)."""
    try:
        if kind == "pdf":
            from pipeline.sources.pdf import page_count

            return page_count(path)
        if kind == "image":
            from pipeline.sources.image import frame_count

            return frame_count(path)
    except Exception:
        return 1
    return 1


def _name_for(rel: Path) -> str:
    return rel.with_suffix("").as_posix()


def discover(in_dir: Path, follow_links: bool = False, skipped: list[dict] | None = None) -> list[Document]:
    """Every supported file below ``in_dir``, sorted by relative path.

    Hidden files and folders (``.name``) are skipped. Symbolic links are not followed unless
    asked, so an archive folder cannot pull files from elsewhere into the database. Files of
    other types are not read; ``skipped`` (when given) gets each one with the reason.
    """
    in_dir = Path(in_dir)
    if not in_dir.is_dir():
        raise UsageError(f"{in_dir}: not a folder")
    root = in_dir.resolve()
    found: list[Document] = []
    for dirpath, dirnames, filenames in os.walk(in_dir, followlinks=follow_links):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fname in sorted(filenames):
            if fname.startswith("."):
                continue
            path = Path(dirpath) / fname
            if path.suffix.lower() not in SUPPORTED:
                if skipped is not None:
                    ext = path.suffix.lower() or "no extension"
                    skipped.append({"source_path": path.relative_to(in_dir).as_posix(),
                                    "reason": f"unsupported file type ({ext}; read: {', '.join(sorted(SUPPORTED))})"})
                continue
            rel = path.relative_to(in_dir)
            doc = Document(path=path, source_path=rel.as_posix(), name=_name_for(rel), kind=kind_of(path))
            if not path.is_symlink() and not path.is_file():
                doc.status, doc.error = "failed", f"{fname}: not a regular file (a FIFO, socket or device): not read"
            elif path.is_symlink() and not follow_links:
                doc.status = "failed"
                target = os.path.realpath(path)
                inside = Path(target).is_relative_to(root)
                doc.error = (
                    "symbolic link not followed (use --follow-links to read it)"
                    if inside
                    else f"symbolic link to {target}, outside the input folder: not followed"
                )
            found.append(doc)
    found.sort(key=lambda d: d.source_path)
    _disambiguate_names(found)
    return found


def _disambiguate_names(docs: list[Document]) -> None:
    """``a.pdf`` and ``a.txt`` would both write ``text/a.txt``: the second keeps its extension."""
    seen: set[str] = set()
    for doc in docs:
        if doc.name in seen:
            doc.name = doc.source_path
        seen.add(doc.name)
