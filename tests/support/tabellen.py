"""The tables of an HTML page as rows of cell texts, for tests that compare what a page shows with a file
or with figures recomputed from the database.

`tabellen(html)` gives every table in page order; `tabellen_per_id(html)` those with an id, by id. A cell's
text is its text with the whitespace collapsed (markup inside a cell, such as a link or a <span>, is read
through); the head row is the first row. A table inside a table is not supported (the app has none).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

Rij = tuple[str, ...]


@dataclass
class Tabel:
    id: str | None
    rijen: list[Rij] = field(default_factory=list)


class _Lezer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tabellen: list[Tabel] = []
        self._rij: list[str] | None = None
        self._cel: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tabellen.append(Tabel(dict(attrs).get("id")))
        elif tag == "tr" and self.tabellen:
            self._rij = []
        elif tag in {"td", "th"} and self._rij is not None:
            self._cel = []

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self._cel is not None and self._rij is not None:
            self._rij.append(" ".join("".join(self._cel).split()))
            self._cel = None
        elif tag == "tr" and self._rij is not None:
            self.tabellen[-1].rijen.append(tuple(self._rij))
            self._rij = None

    def handle_data(self, data):
        if self._cel is not None:
            self._cel.append(data)


def _lees(html: str) -> list[Tabel]:
    lezer = _Lezer()
    lezer.feed(html)
    lezer.close()
    return lezer.tabellen


def tabellen(html: str) -> list[list[Rij]]:
    """Every table of the page, in order: its rows (head row first) as tuples of cell texts."""
    return [t.rijen for t in _lees(html)]


def tabellen_per_id(html: str) -> dict[str, list[Rij]]:
    """The tables with an id attribute, by id."""
    return {t.id: t.rijen for t in _lees(html) if t.id}
