"""Reading sources into `Document`s: articles and transcripts as text, Markdown, JSON or HTML.

`read_documents` is what ingestion uses (a JSON list holds several transcripts); `read_path` and
`read_text` return the single document of a file or a text. For .txt and .md, `Document.text` is the
decoded file text exactly (a UTF-8 BOM is dropped by decoding); for JSON and HTML it is the text
extracted, and every offset refers to it.
"""
from .blocks import participants
from .read import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    iter_paths,
    parse_documents,
    read_documents,
    read_path,
    read_text,
)

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "iter_paths",
    "parse_documents",
    "participants",
    "read_documents",
    "read_path",
    "read_text",
]
