"""HTML pages: metadata from <meta> and JSON-LD, main text from <article>, <main> or <body>."""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import DocumentError
from ..model import Document
from .dates import find_date
from .layout import lines
from .plain import call_identity, find_turns

_DROPPED = ("script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
            "svg", "iframe", "button", "select")
_BLOCKS = frozenset(
    {"address", "article", "blockquote", "body", "dd", "div", "dl", "dt", "figcaption", "figure", "h1",
     "h2", "h3", "h4", "h5", "h6", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)
_SPACES = re.compile(r"\s+")


def read_html(text: str, source: str) -> list[Document]:
    """The page's main text as paragraphs joined by blank lines, with title, date and site name."""
    soup = BeautifulSoup(text, "html.parser")
    linked = _json_ld(soup)
    title = (
        _meta(soup, "og:title") or _tag_text(soup.title) or _tag_text(soup.find("h1"))
        or _text(linked.get("headline"))
    )
    published = find_date(
        _meta(soup, "article:published_time", "datePublished", "date")
        or _time(soup)
        or _text(linked.get("datePublished"))
        or ""
    )
    publisher = _meta(soup, "og:site_name") or _name(linked.get("publisher"))
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    body = "\n\n".join(_paragraphs(_main(soup)))
    if not body:
        raise DocumentError(source, "HTML has no readable text")
    turns = find_turns(lines(body))
    if not turns:
        return [Document(body, source, "article", title, publisher, published)]
    company, period = call_identity({}, title or "", source)
    return [Document(body, source, "transcript", title, publisher, published, company, period, turns)]


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    """The content of the first <meta> whose property, name or itemprop is one of `keys`."""
    for key in keys:
        for attribute in ("property", "name", "itemprop"):
            tag = soup.find("meta", attrs={attribute: key})
            content = tag.get("content", "").strip() if tag else ""
            if content:
                return content
    return None


def _time(soup: BeautifulSoup) -> str:
    """The datetime of the first <time datetime=...>."""
    tag = soup.find("time", attrs={"datetime": True})
    return tag["datetime"] if tag else ""


def _json_ld(soup: BeautifulSoup) -> dict:
    """The first JSON-LD object that names a headline or a publication date."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict):
            data = data.get("@graph", [data])
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict) and ("headline" in item or "datePublished" in item):
                return item
    return {}


def _name(value: object) -> str | None:
    """A JSON-LD publisher: a name, or an object with a "name"."""
    return _text(value.get("name") if isinstance(value, dict) else value)


def _text(value: object) -> str | None:
    """A JSON-LD value as stripped text, if it is text."""
    return (value.strip() or None) if isinstance(value, str) else None


def _tag_text(tag: Tag | None) -> str | None:
    """A tag's text with whitespace collapsed."""
    return (_SPACES.sub(" ", tag.get_text()).strip() or None) if tag else None


def _main(soup: BeautifulSoup) -> Tag:
    """The longest <article>, else the longest <main>, else the <body>, else the whole page.

    Pages that list teasers hold several <article>s; the story itself is the longest of them.
    """
    for name in ("article", "main"):
        candidates = soup.find_all(name)
        if candidates:
            return max(candidates, key=lambda tag: len(tag.get_text()))
    return soup.body or soup


def _paragraphs(root: Tag) -> list[str]:
    """Text grouped by the nearest block element around it; <br> breaks a line within a paragraph."""
    paragraphs, parts, owner = [], [], None
    for node in root.descendants:
        if isinstance(node, Tag) and node.name == "br":
            piece = "\n"
        elif type(node) is NavigableString:  # not comments, doctypes or CDATA
            piece = _SPACES.sub(" ", node)
        else:
            continue
        block = node.find_parent(_BLOCKS)
        if block is not owner:
            paragraphs.append("".join(parts))
            parts, owner = [], block
        parts.append(piece)
    paragraphs.append("".join(parts))
    return [text for paragraph in paragraphs if (text := _tidy(paragraph))]


def _tidy(paragraph: str) -> str:
    """A paragraph's lines with spaces collapsed and empty lines dropped."""
    return "\n".join(line for raw in paragraph.split("\n") if (line := " ".join(raw.split())))
