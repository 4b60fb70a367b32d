"""The query page at `/` and the files it loads: `page.html`, `page.js`, `page.css` and the CodeMirror editor
(npm `codemirror` 5.65.21, unchanged, its licence beside it in `vendor/codemirror/`), all served from the
package, so the page asks nothing of any other host."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from rdflib import Literal

from kg import queries
from kg.serve.prefixes import kg_prefixes
from kg.serve.settings import Settings
from kg.store.remote import with_values

HERE = Path(__file__).parent
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", "": "text/plain; charset=utf-8"}
FILES = ["page.js", "page.css", "vendor/codemirror/codemirror.js", "vendor/codemirror/codemirror.css",
         "vendor/codemirror/sparql.js", "vendor/codemirror/matchbrackets.js", "vendor/codemirror/LICENSE"]
# The page's own files and nothing else: scripts, styles and requests to this server only.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def examples() -> list[dict]:
    """The named queries as runnable examples, without the prefixes the server declares: their parameters bound
    to "" in a VALUES row the user can edit."""
    out = []
    for name in queries.names():
        named = queries.load(name)
        text = with_values(named.text, {f"{p}_": Literal("") for p in named.params})
        out.append({"name": name, "description": named.description, "params": named.params,
                    "text": text.removeprefix(queries.prefixes())})
    return out


def page(settings: Settings) -> bytes:
    """The page's HTML, with the examples, kg's prefixes and the server's limits as JSON that no text in them
    can end early (`<`, `>` and `&` escaped)."""
    data = {"examples": examples(), "prefixes": kg_prefixes(), "limit": settings.limit, "timeout": settings.timeout}
    text = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (HERE / "page.html").read_text(encoding="utf-8").replace("KG_PAGE_DATA", text).encode("utf-8")


@lru_cache(maxsize=None)
def page_file(route: str) -> tuple[bytes, str] | None:
    """The bytes and media type of one of the page's files (`/page.js`), or None for any other route."""
    name = route.removeprefix("/")
    if name not in FILES:
        return None
    return (HERE / name).read_bytes(), MEDIA_TYPES[Path(name).suffix]
