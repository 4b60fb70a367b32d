"""Write a timeline (`kg.views.timeline`) as one self-contained HTML page: its template, style and script inlined.

As the network pages (`kg.views.html`): nothing is loaded from the network, a Content-Security-Policy admits only
the page's own script (by hash), the data reaches the page as JSON in a `<script type="application/json">` block
(`<`, `>`, `&` and `'` escaped) and the script writes every text with textContent. The charts are SVG drawn by
the script.
"""
from __future__ import annotations

from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from kg.views.html import content_policy
from kg.views.timeline import Timeline

HERE = Path(__file__).parent


def write_timeline(timeline: Timeline, path: Path, *, title: str) -> None:
    environment = Environment(loader=FileSystemLoader(str(HERE)), autoescape=True)
    html = environment.get_template("timeline.html").render(heading=title, page=asdict(timeline), **_assets())
    path.write_text(html, encoding="utf-8")


@lru_cache(maxsize=1)
def _assets() -> dict:
    script = (HERE / "timeline.js").read_text("utf-8")
    style = (HERE / "timeline.css").read_text("utf-8")
    for name, text in (("timeline.js", script), ("timeline.css", style)):
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError(f"{name} cannot be inlined: it contains a closing tag")
    return {"timeline_js": script, "timeline_css": style, "csp": content_policy([script])}
