"""Reading a list page as the browser gets it after an HTMX swap: its rows, the way to the next page, and the
export it offers. Shared by the export tests of the school list and the trajectory overview.

The export is taken from the swapped part itself, as a user clicks it after changing a filter: a test that
built the export's address on its own would prove nothing about the link on the page.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

HTMX = {"HX-Request": "true"}


@dataclass
class Element:
    tag: str
    attrs: dict
    tekst: str = ""
    velden: dict = field(default_factory=dict)  # a form's hidden inputs
    formulier: "Element | None" = None  # a button's form


class _Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elementen: list[Element] = []
        self._open: list[Element] = []  # a, button and form, whose text or fields are still coming
        self._formulier: Element | None = None

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {naam: waarde or "" for naam, waarde in attrs})
        self.elementen.append(element)
        if tag == "form":
            self._formulier = element
        elif tag == "input" and self._formulier is not None and element.attrs.get("type") == "hidden":
            self._formulier.velden[element.attrs.get("name", "")] = element.attrs.get("value", "")
        if tag in {"a", "button"}:
            element.formulier = self._formulier
            self._open.append(element)

    def handle_endtag(self, tag):
        if tag == "form":
            self._formulier = None
        if tag in {"a", "button"} and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element in self._open:
            element.tekst += data


@dataclass(frozen=True)
class Verzoek:
    """What a click does: a GET of a link, or (during a search) a POST of a small form."""

    methode: str
    url: str
    data: dict
    label: str  # the visible text of the link or button

    def doe(self, client, **kwargs):
        if self.methode == "post":
            return client.post(self.url, self.data, **kwargs)
        return client.get(self.url, **kwargs)


def _knop(knop: Element) -> Verzoek:
    formulier = knop.formulier
    assert formulier is not None and formulier.attrs.get("method", "").lower() == "post", knop
    # The CSRF token is masked anew on every page; what the click asks for is the rest.
    data = {naam: waarde for naam, waarde in formulier.velden.items() if naam != "csrfmiddlewaretoken"}
    if knop.attrs.get("name"):
        data[knop.attrs["name"]] = knop.attrs.get("value", "")
    return Verzoek("post", formulier.attrs["action"], data, _normaal(knop.tekst))


@dataclass(frozen=True)
class Lijstpagina:
    html: str
    elementen: list[Element]

    @classmethod
    def lees(cls, html: str) -> "Lijstpagina":
        lezer = _Lezer()
        lezer.feed(html)
        return cls(html, lezer.elementen)

    def export(self, pad: str) -> Verzoek | None:
        """The export to `pad` (e.g. /trajecten/export.csv) offered on this page, if any."""
        for element in self.elementen:
            if element.tag == "a" and element.attrs.get("href", "").startswith(pad):
                return Verzoek("get", element.attrs["href"], {}, _normaal(element.tekst))
            if (
                element.tag == "button"
                and element.formulier is not None
                and element.formulier.attrs.get("action", "").startswith(pad)
            ):
                return _knop(element)
        return None

    def volgende(self, pad: str) -> Verzoek | None:
        """The next page of the list at `pad`: a link (its query relative to the page), or a button that
        POSTs the search with the cursor."""
        for element in self.elementen:
            if element.tag == "a" and (
                element.attrs.get("rel") == "next" or _normaal(element.tekst) == "Volgende"
            ):
                return Verzoek("get", pad + element.attrs["href"], {}, "Volgende")
            if element.tag == "button" and element.attrs.get("aria-label") == "Volgende pagina":
                return _knop(element)
        return None


def _normaal(tekst: str) -> str:
    return " ".join(tekst.split())


def csv_rijen(inhoud: bytes) -> list[list[str]]:
    """The header and rows of an export as a spreadsheet reads them (UTF-8 with BOM, `;`)."""
    tekst = inhoud.decode("utf-8")
    assert tekst.startswith("\ufeff"), "een CSV voor Excel begint met een BOM"
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


def aantal_in_label(label: str) -> tuple[bool, int]:
    """(more than?, number) from a label such as "CSV (23 trajecten)" or "(meer dan 1.000 trajecten)"."""
    gevonden = re.search(r"\((meer dan )?([\d.]+) ", label)
    assert gevonden, f"het label zegt niet hoeveel rijen de export telt: {label!r}"
    return bool(gevonden.group(1)), int(gevonden.group(2).replace(".", ""))
