"""Reading files into Documents: errors, decoding, and each supported format."""
from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from kg.documents import (
    SUPPORTED_SUFFIXES,
    iter_paths,
    parse_documents,
    participants,
    read_documents,
    read_path,
    read_text,
)
from kg.documents.calls import period_label
from kg.documents.dates import find_date, published_date
from kg.documents.layout import lines
from kg.documents.names import is_speaker
from kg.errors import DocumentError

DATA = Path(__file__).parent / "data" / "documents"


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def _turns(doc) -> list[tuple[str, str]]:
    return [(turn.speaker, doc.text[turn.start : turn.end]) for turn in doc.turns]


# --- errors ----------------------------------------------------------------------------------

BAD_FILES = [
    ("empty.txt", b"", "is empty"),
    ("blank.md", b"  \n\t\r\n  ", "is empty"),
    ("nul.txt", b"plain words\x00then a NUL byte", "looks binary, not text"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "looks binary, not text"),
    ("controls.txt", b"\x01\x02\x03\x04words" * 50, "looks binary, not text"),
    ("report.pdf", b"%PDF-1.7 some text", "unsupported format '.pdf' (kg reads .txt, .md, .json, .html, .htm)"),
    ("README", b"some text", "unsupported format without a file extension (kg reads .txt, .md, .json, .html, .htm)"),
    ("bad.json", b'{"symbol": "NMBS",\n  "content": }', "malformed JSON (line 2, column 14: Expecting value)"),
    ("nocontent.json", b'{"symbol": "NMBS", "quarter": 3, "year": 2024}', "JSON has no text in 'content', 'transcript' or 'text'"),
    ("blankcontent.json", b'{"symbol": "NMBS", "content": "  "}', "JSON has no text in 'content', 'transcript' or 'text'"),
    ("emptylist.json", b"[]", "JSON has no text in 'content', 'transcript' or 'text'"),
    ("number.json", b"42", "JSON has no text in 'content', 'transcript' or 'text'"),
    ("scripts.html", b"<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>",
     "HTML has no readable text"),
    ("chrome.htm", b"<body><nav>Home</nav><footer>Contact</footer></body>", "HTML has no readable text"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_files_raise_a_document_error(tmp_path, name, content, reason):
    path = _write(tmp_path, name, content)
    with pytest.raises(DocumentError) as caught:
        read_path(path)
    assert caught.value.reason == reason
    assert caught.value.source == str(path)


def test_a_list_entry_without_content_names_its_index(tmp_path):
    path = _write(tmp_path, "calls.json", b'[{"content": "Operator: Hello."}, {"symbol": "NMBS"}]')
    with pytest.raises(DocumentError) as caught:
        read_documents(path)
    assert caught.value.source == f"{path}#1"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp / "missing.pdf", "no such file"),
        (lambda tmp: tmp / "not-a-folder.txt" / "x.txt", "no such file"),
        (lambda tmp: tmp, "is a directory"),
    ],
)
def test_paths_that_are_not_files(tmp_path, make, reason):
    (tmp_path / "not-a-folder.txt").write_text("text")
    with pytest.raises(DocumentError) as caught:
        read_path(make(tmp_path))
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(13, "Permission denied"), "cannot be read (permission denied)"),
        (OSError(5, "Input/output error"), "cannot be read (input/output error)"),
    ],
)
def test_unreadable_file(tmp_path, monkeypatch, error, reason):
    path = _write(tmp_path, "secret.txt", b"text")

    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(Path, "open", refuse)  # chmod 0 does not stop root, who runs CI
    with pytest.raises(DocumentError) as caught:
        read_path(path)
    assert caught.value.reason == reason


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_stream_without_a_size_is_cut_at_the_limit(tmp_path):
    link = tmp_path / "endless.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(DocumentError) as caught:
        read_path(link, max_bytes=1_000_000)
    assert caught.value.reason == "is too large (more than 1.0 MB; the limit is 1.0 MB, raise it with --max-bytes)"


@pytest.mark.parametrize(
    ("size", "max_bytes", "reason"),
    [
        (25_000_000, None, "is too large (25.0 MB; the limit is 20.0 MB, raise it with --max-bytes)"),
        (1_500_000, 1_000_000, "is too large (1.5 MB; the limit is 1.0 MB, raise it with --max-bytes)"),
    ],
)
def test_too_large(tmp_path, size, max_bytes, reason):
    path = tmp_path / "big.txt"
    with path.open("wb") as file:
        file.truncate(size)  # sparse: the size check must not need to read it
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    with pytest.raises(DocumentError) as caught:
        read_path(path, **kwargs)
    assert caught.value.reason == reason


def test_a_file_at_the_limit_is_read(tmp_path):
    path = _write(tmp_path, "edge.txt", b"x" * 1000)
    assert read_path(path, max_bytes=1000).text == "x" * 1000


def test_json_list_needs_read_documents():
    with pytest.raises(DocumentError) as caught:
        read_path(DATA / "transcripts.json")
    assert caught.value.reason == "JSON holds 2 transcripts; read it with read_documents"


# --- decoding --------------------------------------------------------------------------------

DECODINGS = [
    ("utf-8", "Café Señor — 5 €\n".encode(), "Café Señor — 5 €\n", ()),
    ("utf-8 BOM", codecs.BOM_UTF8 + "Café\n".encode(), "Café\n", ()),
    ("utf-16 LE BOM", codecs.BOM_UTF16_LE + "Ünïcode text\n".encode("utf-16-le"), "Ünïcode text\n", ()),
    ("utf-16 BE BOM", codecs.BOM_UTF16_BE + "Ünïcode text\n".encode("utf-16-be"), "Ünïcode text\n", ()),
    ("CRLF kept", b"Title\r\n\r\nBody\r\n", "Title\r\n\r\nBody\r\n", ()),
    ("latin-1", b"caf\xe9 au lait", "caf\ufffd au lait",
     ("not valid UTF-8 (first bad byte at offset 3); undecodable bytes were replaced with U+FFFD",)),
    ("latin-1 after BOM", codecs.BOM_UTF8 + b"caf\xe9", "caf\ufffd",
     ("not valid UTF-8 (first bad byte at offset 6); undecodable bytes were replaced with U+FFFD",)),
]


@pytest.mark.parametrize(("case", "content", "text", "warnings"), DECODINGS, ids=[d[0] for d in DECODINGS])
def test_decoding(tmp_path, case, content, text, warnings):
    doc = read_path(_write(tmp_path, "doc.txt", content))
    assert (doc.text, doc.warnings) == (text, warnings)


def test_read_text_takes_str_or_bytes():
    assert read_text("Headline\n\nBody.").title == "Headline"
    assert read_text(b"caf\xe9 headline", source="-").warnings[0].startswith("not valid UTF-8")
    with pytest.raises(DocumentError, match="unsupported format '.rtf'"):
        read_text("text", suffix=".rtf")
    assert [d.source for d in parse_documents((DATA / "transcripts.json").read_text(), suffix=".json")] == [
        "<stdin>#0",
        "<stdin>#1",
    ]


# --- articles --------------------------------------------------------------------------------

ARTICLES = [
    ("article.txt", "Nimbus Robotics raises its forecast as warehouse orders climb", date(2025, 2, 14),
     "Harbor Street Journal"),
    ("article.md", "Lumen Bank trims its branch network as app use grows", date(2025, 3, 3), None),
]


@pytest.mark.parametrize(("name", "title", "published", "publisher"), ARTICLES)
def test_articles(name, title, published, publisher):
    path = DATA / name
    doc = read_path(path)
    assert (doc.kind, doc.title, doc.published, doc.publisher) == ("article", title, published, publisher)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.turns == () and doc.source == str(path)


HEADERS = [
    ("Published 31 Jan 2025", date(2025, 1, 31)),
    ("Date: January 31, 2025", date(2025, 1, 31)),
    ("Posted on Jan. 31, 2025, 6:05 pm", date(2025, 1, 31)),
    ("**Date:** 2025-01-31", date(2025, 1, 31)),
    ("Updated 31/01/2025", date(2025, 1, 31)),
    ("Updated 01/31/2025", date(2025, 1, 31)),
    ("Updated 03/04/2025", None),  # day and month could be swapped
    ("Friday, January 31, 2025", date(2025, 1, 31)),
    ("Jan 31, 2025 5:00 PM ET", date(2025, 1, 31)),
    ("Revenue rose on January 31, 2025 after the launch", None),  # no cue, not a dateline
    ("Published February 30, 2025", None),
    ("Updated 2 Feb 2025\nPublished 1 Feb 2025", date(2025, 2, 1)),  # publication beats update
]


@pytest.mark.parametrize(("header", "published"), HEADERS)
def test_published_date(header, published):
    assert published_date(lines(header)) == published


def test_dates_after_the_first_40_lines_are_ignored():
    text = "Title\n" + "Paragraph.\n" * 45 + "Published 31 Jan 2025\n"
    assert read_text(text).published is None


@pytest.mark.parametrize(
    ("text", "found"),
    [("2025-07-31T17:00:00Z", date(2025, 7, 31)), ("2025-07-31 17:00:00", date(2025, 7, 31)), ("", None)],
)
def test_find_date(text, found):
    assert find_date(text) == found


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Q3 2025", "Q3 2025"),
        ("2025 Q3", "Q3 2025"),
        ("Q3 FY2025", "Q3 2025"),
        ("Q3 FY 25", "Q3 2025"),
        ("FY2025 Q3", "Q3 2025"),
        ("3Q25", "Q3 2025"),
        ("Third Quarter 2025 Results", "Q3 2025"),
        ("Apple (AAPL) Q1 2024 Earnings Call", "Q1 2024"),
        ("no period here", None),
    ],
)
def test_period_label(text, label):
    assert period_label(text) == label


# --- transcripts -----------------------------------------------------------------------------

LABELLED_TURNS = [
    ("Operator", "Good afternoon and welcome to the Nimbus Robotics fourth quarter call. All lines are muted."),
    ("Priya Raman", "Thanks, everyone, for joining. We closed the year with record orders.\n"
                    "Our backlog now stands at $1.4 billion."),
    ("Marcus O'Neill-Baptiste", "Thank you, Priya. Gross margin was 41%, up two points."),
    ("Jean-Luc van der Berg", "Let me add that the new gripper ships in May.\n"
                              "Note that this paragraph has no speaker label of its own."),
    ("Operator", "That concludes today's call."),
]
PUBLISHED_TURNS = [
    ("Operator", "Good afternoon. Welcome to the third quarter conference call for Nimbus Robotics."),
    ("Priya Raman", "Thank you. Orders rose 18% from a year ago.\n\n"
                    "Our pipeline for next year is the strongest we have seen."),
    ("Marcus O'Neill", "Thanks, Priya. Operating margin reached 12%."),
    ("Operator", "Our first question comes from Hannah Osei."),
    ("Hannah Osei", "How long do customers take to move from a pilot to a fleet order?"),
    ("Priya Raman", "Usually two to three quarters."),
]
STREETEVENTS_TURNS = [
    ("Operator", "Good morning, and welcome to the Lumen Bank second quarter results call."),
    ("Sofia Marchetti", "Thank you. Deposits grew 3% in the quarter.\n\nLoan losses stayed low."),
    ("Ravi Menon", "Will the branch closures continue next year?"),
    ("Oskar Lind", "We expect a smaller round of closures in 2025."),
]
FOOL_TURNS = [
    ("Operator", "Hello, and welcome to the Lumen Bank first quarter call."),
    ("Sofia Marchetti", "Thanks. We had a steady quarter."),
    ("Ravi Menon", "What drove the rise in fee income?"),
    ("Oskar Lind", "Mostly card fees, which rose 9%."),
]
TRANSCRIPTS = [
    ("labelled_transcript.md", "NMBS Q4 FY2024 Earnings Call Transcript", date(2025, 2, 13), "NMBS", "Q4 2024",
     LABELLED_TURNS),
    ("published_transcript.txt", "Nimbus Robotics (NMBS) Q3 2024 Earnings Call Transcript", date(2024, 11, 7),
     "NMBS", "Q3 2024", PUBLISHED_TURNS),
    ("streetevents_transcript.txt", "Q2 2024 Lumen Bank Earnings Call", date(2024, 7, 18), None, "Q2 2024",
     STREETEVENTS_TURNS),
    ("fool_transcript.md", "Lumen Bank (LUMB) Q1 2025 Earnings Call Transcript", None, "LUMB", "Q1 2025",
     FOOL_TURNS),
]


@pytest.mark.parametrize(("name", "title", "published", "company", "period", "turns"), TRANSCRIPTS)
def test_transcripts(name, title, published, company, period, turns):
    path = DATA / name
    doc = read_path(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert (doc.kind, doc.title, doc.published, doc.company, doc.period) == (
        "transcript", title, published, company, period)
    assert _turns(doc) == turns
    for turn in doc.turns:
        assert doc.text[turn.label_start :].startswith(turn.speaker)
        assert turn.label_start < turn.start and turn.confidence == 1.0


def test_labelled_turn_spans_exclude_crlf():
    doc = read_text("Operator: Welcome.\r\nAnna Berg: Thanks.  \r\nMore words.\r\n")
    assert _turns(doc) == [("Operator", "Welcome."), ("Anna Berg", "Thanks.  \r\nMore words.")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Headline\n\nThe chief executive spoke.\n\nNote: figures are unaudited.\n", "article"),
        ("Headline\n\n" + "A paragraph of reporting.\n\n" * 10 + "Anna Berg: One quote.\n\nBo Li: Another.\n",
         "article"),
        ("Call\n\nOperator: Welcome.\nAnna Berg: Thanks.\n", "transcript"),
        ("Call\n\nAnna Berg: Welcome.\nAnna Berg: Still me.\n", "article"),  # one voice is not a call
        ("Title\n**Company:** NMBS\n\nAnna Berg: Welcome.\n", "transcript"),  # a call header needs one turn
    ],
)
def test_labelled_transcripts_need_dialogue(text, kind):
    assert read_text(text).kind == kind


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("Timothy D. Cook", True),
        ("Franz von Holzhausen", True),
        ("Marcus O'Neill-Baptiste", True),
        ("J.P. Morgan Jr.", True),
        ("José Álvarez", True),
        ("Operator", True),
        ("Unidentified Analyst", True),
        ("Note", False),
        ("Editor's note", False),
        ("Q", False),
        ("Thanks Tim", False),
        ("At 10", False),
        ("https", False),
        ("One Two Three Four Five Six Seven", False),
        ("von Braun", False),
    ],
)
def test_speaker_labels(label, speaker):
    assert is_speaker(label) == speaker


PARTICIPANTS = [
    ("published_transcript.txt", [
        ("Priya Raman", "Chief Executive Officer", None),
        ("Marcus O'Neill", "Chief Financial Officer", None),
        ("Hannah Osei", None, "Ridgeline Securities"),
        ("Tom Becker", "Analyst", None),
    ]),
    ("streetevents_transcript.txt", [
        ("Oskar Lind", "Chief Financial Officer", "Lumen Bank"),
        ("Sofia Marchetti", "CEO", "Lumen Bank"),
        ("Ravi Menon", "Analyst", "Corbel Partners"),
    ]),
    ("fool_transcript.md", [
        ("Sofia Marchetti", "Chief Executive Officer", None),
        ("Oskar Lind", "Chief Financial Officer", None),
        ("Ravi Menon", "Analyst", "Corbel Partners"),
    ]),
    ("labelled_transcript.md", []),
    ("article.txt", []),
]


@pytest.mark.parametrize(("name", "expected"), PARTICIPANTS)
def test_participants(name, expected):
    assert participants(read_path(DATA / name)) == expected


SPEECH = [
    ("NMBS_2024_Q3.txt", "transcript", "NMBS", "Q3 2024", "NMBS Q3 2024 Earnings Call Transcript"),
    ("recording.txt", "transcript", None, None, None),
]


@pytest.mark.parametrize(("name", "kind", "company", "period", "title"), SPEECH)
def test_speech_to_text(tmp_path, name, kind, company, period, title):
    text = (DATA / "NMBS_2024_Q3.txt").read_text(encoding="utf-8")
    doc = read_path(_write(tmp_path, name, text.encode()))
    assert (doc.kind, doc.company, doc.period, doc.title) == (kind, company, period, title)
    # speakers inferred from the hand-offs (tests/test_handoffs.py has the rules), none from a label
    assert [(t.speaker, t.label_start) for t in doc.turns] == [
        ("Operator", -1), ("Leo Park", -1), ("Priya Raman", -1), ("Marcus O'Neill", -1)]
    assert doc.text == text


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("essay.txt", "The weather was mild. " * 120, "article"),  # long but no call phrase or call file name
        ("ABC_2024_Q1.txt", "The weather was mild. " * 120, "transcript"),  # the file name says it is a call
        ("ABC_2024_Q1.txt", "Welcome to the earnings call.", "article"),  # too short to judge
        ("lines.txt", "Welcome to the earnings call.\n" * 100, "article"),  # many lines: not one paragraph
    ],
)
def test_speech_to_text_detection(tmp_path, name, text, kind):
    assert read_path(_write(tmp_path, name, text.encode())).kind == kind


# --- JSON ------------------------------------------------------------------------------------


def test_json_list_gives_one_document_per_transcript():
    path = DATA / "transcripts.json"
    docs = read_documents(path)
    assert [(d.source, d.company, d.period, d.published, d.title) for d in docs] == [
        (f"{path}#0", "NMBS", "Q3 2024", date(2024, 11, 7), "NMBS Q3 2024 Earnings Call Transcript"),
        (f"{path}#1", "NMBS", "Q4 2024", date(2025, 2, 13), "NMBS Q4 2024 Earnings Call Transcript"),
    ]
    assert _turns(docs[0]) == [
        ("Operator", "Welcome to the Nimbus Robotics call."),
        ("Priya Raman", "Orders rose 18% from a year ago.\nWe are hiring in Osaka."),
        ("Hannah Osei", "How large is the backlog?"),
    ]
    assert docs[1].text == "Operator: Welcome back.\nPriya Raman: We closed the year with record orders."


def test_json_speech_list_is_joined_into_labelled_text():
    doc = read_path(DATA / "transcript.json")
    assert (doc.kind, doc.company, doc.period, doc.published) == ("transcript", "LUMB", "Q2 2024", date(2024, 7, 18))
    assert _turns(doc) == [
        ("Operator", "Good morning, and welcome."),
        ("Sofia Marchetti", "Deposits grew 3% in the quarter.\nLoan losses stayed low."),
    ]
    assert [doc.text[t.label_start : t.start] for t in doc.turns] == ["Operator: ", "Sofia Marchetti: "]


# --- HTML ------------------------------------------------------------------------------------


def test_html_article():
    doc = read_path(DATA / "article.html")
    assert (doc.kind, doc.title, doc.published, doc.publisher) == (
        "article", "Nimbus Robotics lifts its 2025 outlook", date(2025, 2, 14), "Harbor Street Journal")
    assert doc.text == (
        "Nimbus Robotics lifts its 2025 outlook\n\n"
        "Nimbus Robotics said orders for its warehouse arms rose faster than expected, "
        "and raised its revenue forecast.\n\n"
        '"Customers are buying by the hundred," chief executive Priya Raman said.\nThe shares rose 6%.'
    )


@pytest.mark.parametrize("hidden", ["SCRIPT-SHOULD-NOT-APPEAR", "ALSO-NOT-IN-TEXT", "color", "Markets",
                                    "Read more", "comment", "©"])
def test_html_drops_scripts_styles_and_page_chrome(hidden):
    assert hidden not in read_path(DATA / "article.html").text


def test_html_transcript():
    doc = read_path(DATA / "transcript.html")
    assert (doc.kind, doc.title, doc.published, doc.period) == (
        "transcript", "Lumen Bank Q2 2024 call transcript", date(2024, 7, 18), "Q2 2024")
    assert _turns(doc) == [
        ("Operator", "Good morning, and welcome to the Lumen Bank call."),
        ("Sofia Marchetti", "Thank you. Deposits grew 3% in the quarter."),
        ("Ravi Menon", "Will the branch closures continue?"),
        ("Oskar Lind", "We expect a smaller round in 2025."),
    ]


@pytest.mark.parametrize(
    ("html", "title", "published", "publisher"),
    [
        ("<title>Tab title</title><h1>Heading</h1><p>Text.</p>", "Tab title", None, None),
        ("<h1>Only a heading</h1><p>Text.</p>", "Only a heading", None, None),
        ('<meta itemprop="datePublished" content="2024-05-06"><p>Text.</p>', None, date(2024, 5, 6), None),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "LD headline", '
         '"datePublished": "2024-05-06T10:00:00+02:00", "publisher": {"name": "Wire"}}</script><p>Text.</p>',
         "LD headline", date(2024, 5, 6), "Wire"),
    ],
)
def test_html_metadata(html, title, published, publisher):
    doc = read_text(html, suffix=".html")
    assert (doc.title, doc.published, doc.publisher) == (title, published, publisher)


def test_html_picks_the_longest_article():
    html = "<article><p>Teaser.</p></article><article><p>The full story, with much more text.</p></article>"
    assert read_text(html, suffix=".htm").text == "The full story, with much more text."


# --- iter_paths ------------------------------------------------------------------------------


def test_iter_paths_recurses_sorts_and_filters(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.json", "sub/deeper/d.html", "sub/e.htm", "image.png", ".hidden.txt",
                 ".git/config.txt", "Upper.TXT"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    single = tmp_path / "image.png"
    missing = tmp_path / "missing.txt"
    found = list(iter_paths([tmp_path, str(single), missing]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "Upper.TXT", "a.md", "b.txt", "sub/c.json", "sub/deeper/d.html", "sub/e.htm", "image.png", "missing.txt"]


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".json", ".html", ".htm")
