"""Files to documents: checks on the file, decoding, and the reader for each format."""
from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import DocumentError
from ..model import Document
from .decode import decode, looks_binary
from .jsonapi import read_json
from .plain import read_plain
from .webpage import read_html

MAX_BYTES = 20_000_000
_READERS: dict[str, Callable[[str, str], list[Document]]] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".json": read_json,
    ".html": read_html,
    ".htm": read_html,
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files given and the supported, non-hidden files under folders given, each folder sorted.

    A path that does not exist is yielded as it is, so that reading it reports the problem.
    """
    for given in paths:
        path = Path(given)
        yield from _folder_files(path) if path.is_dir() else (path,)


def unread_files(paths: Iterable[str | os.PathLike]) -> list[tuple[Path, str]]:
    """The non-hidden files under the folders given that `iter_paths` leaves out, each with the reason."""
    return [(path, _unsupported(path.suffix)) for given in paths if Path(given).is_dir()
            for path in _visible_files(Path(given)) if path.suffix.lower() not in SUPPORTED_SUFFIXES]


def read_documents(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> list[Document]:
    """Every document a file holds: one, or one per transcript of a JSON list."""
    source = os.fspath(path)
    return parse_documents(_read_bytes(Path(path), source, max_bytes), source, Path(path).suffix)


def read_path(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> Document:
    """The one document a file holds; a JSON list of several transcripts needs `read_documents`."""
    return _single(read_documents(path, max_bytes), os.fspath(path))


def read_text(text: str | bytes, source: str = "<stdin>", suffix: str = ".txt") -> Document:
    """The one document a text (or undecoded bytes, e.g. from stdin) holds, read as a `suffix` file."""
    return _single(parse_documents(text, source, suffix), source)


def parse_documents(content: str | bytes, source: str = "<stdin>", suffix: str = ".txt") -> list[Document]:
    """Every document in `content`, read as a file with `suffix` would be."""
    reader = _reader(suffix, source)
    text, warnings = decode(content) if isinstance(content, bytes) else (content, ())
    if not text.strip():
        raise DocumentError(source, "is empty")
    if looks_binary(text):
        raise DocumentError(source, "looks binary, not text")
    return [replace(doc, warnings=warnings + doc.warnings) for doc in reader(text, source)]


def _folder_files(folder: Path) -> list[Path]:
    """Supported files under `folder`, recursively, sorted, skipping hidden files and folders."""
    return [path for path in _visible_files(folder) if path.suffix.lower() in SUPPORTED_SUFFIXES]


def _visible_files(folder: Path) -> list[Path]:
    """The files under `folder`, recursively, sorted, skipping hidden files and folders."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(root, name) for name in files if not name.startswith(".")]
    return sorted(found)


def _read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """The file's bytes, after checking it exists, is a file, has a known suffix and fits the limit."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise DocumentError(source, "is a directory")
        _reader(path.suffix, source)
        if status.st_size > max_bytes:
            raise DocumentError(source, _too_large(_megabytes(status.st_size), max_bytes))
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise DocumentError(source, "no such file") from None
    except PermissionError:
        raise DocumentError(source, "cannot be read (permission denied)") from None
    except OSError as error:
        raise DocumentError(source, f"cannot be read ({(error.strerror or str(error)).lower()})") from None
    # pipes and devices report no size, so the limit is checked again on what was read
    if len(data) > max_bytes:
        raise DocumentError(source, _too_large(f"more than {_megabytes(max_bytes)}", max_bytes))
    return data


def _reader(suffix: str, source: str) -> Callable[[str, str], list[Document]]:
    """The reader for a file suffix, case-insensitively."""
    reader = _READERS.get(suffix.lower())
    if reader is None:
        raise DocumentError(source, _unsupported(suffix))
    return reader


def _unsupported(suffix: str) -> str:
    """Why a file with this suffix is not read."""
    shown = f"'{suffix}'" if suffix else "without a file extension"
    return f"unsupported format {shown} (kg reads {', '.join(SUPPORTED_SUFFIXES)})"


def _single(docs: list[Document], source: str) -> Document:
    """The only document of a list, or an error pointing to `read_documents`."""
    if len(docs) > 1:
        raise DocumentError(source, f"JSON holds {len(docs)} transcripts; read it with read_documents")
    return docs[0]


def _too_large(size: str, max_bytes: int) -> str:
    """The message for a file over the size limit."""
    return f"is too large ({size}; the limit is {_megabytes(max_bytes)}, raise it with --max-bytes)"


def _megabytes(size: int) -> str:
    """A size in MB (10^6 bytes) with one decimal."""
    return f"{size / 1_000_000:.1f} MB"
