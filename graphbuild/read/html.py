"""HTML pages: the story, its title, author, date and outlet (trafilatura), whatever the page carries.

Saved pages carry things no article text is in: images and fonts inlined
as ``data:`` URIs, several megabytes each.  The HTML parser (libxml2) drops
any attribute value or text over 10 MB, and with an image inside the story
that costs the whole body, silently; so long ``data:`` URIs are emptied
before parsing, and a page that still has a run of text that long is
parsed with libxml2's large-document option.  Pages graphbuild wrote
itself (``graph.html``) are recognised by their generator tag.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura

from graphbuild.models import Article
from graphbuild.read.options import ReadOptions, ReadReport, article_text
from graphbuild.read.text import clean_field, parse_published

__all__ = ["article_from_html", "is_graphbuild_page"]

#: libxml2's limit on one text node or attribute value without its large-document option.
PARSER_TEXT_LIMIT = 10_000_000

_LONG_DATA_URI = re.compile(r"data:[^\s\"'<>()]{1000,}", re.IGNORECASE)
_MARKUP = re.compile("[<>]")
_GRAPHBUILD_PAGE = re.compile(rb"<meta\s+name=[\"']?generator[\"']?\s+content=[\"']?graphbuild", re.IGNORECASE)

# The options of trafilatura's own parser, plus huge_tree.
_LARGE_DOCUMENT_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
)


def is_graphbuild_page(head: bytes) -> bool:
    """Whether the first bytes of a page say graphbuild wrote it (the HTML view of a graph)."""
    return bool(_GRAPHBUILD_PAGE.search(head))


def article_from_html(
    html: str, article_id: str, source: str, options: ReadOptions, report: ReadReport
) -> Article | None:
    html = _LONG_DATA_URI.sub("data:,", html)
    page = html
    if len(html) > PARSER_TEXT_LIMIT and max(map(len, _MARKUP.split(html))) >= PARSER_TEXT_LIMIT:
        page = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_LARGE_DOCUMENT_PARSER)
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    if document is not None and not isinstance(document, dict):  # trafilatura 2 returns a Document
        document = document.as_dict()
    text = article_text(document.get("text") or "", source, options, report) if document is not None else ""
    if not text:
        report.skip(source, "no article text found in the HTML")
        return None
    return Article(
        id=article_id,
        text=text,
        source=source,
        title=clean_field(document.get("title")),
        url=clean_field(document.get("url")),
        author=clean_field(document.get("author")),
        published=parse_published(document.get("date"), source),
        publisher=clean_field(document.get("sitename")),
    )
