"""HTML to PDF for every document the app prints (trajectory, consultation documents, distribution), by
WeasyPrint, offline.

WeasyPrint reads nothing from outside: no base URL, and a fetcher that accepts only `data:` URLs. Free text
is escaped by the templates, so markup in it (`<img src="file:///etc/passwd">`, a `http://` link) prints as
text; should markup ever slip through, the fetcher is the second lock and refuses to read the file or call
the server. Stylesheets are inline (the house print style is `netwerk/pdf/huisstijl.css`) and the font
comes from fontconfig (DejaVu Sans), so a render needs no fetch at all.

WeasyPrint takes about a second to import: it is loaded on the first render, not with every web process's
first page, which is why its imports sit inside the functions below.

What does not change between renders is made once per thread: the font configuration (fontconfig's list
of fonts) and each document's stylesheet, parsed once per distinct text. A document keeps its stylesheet
inline in its HTML (so the stored hash of that HTML still changes when the style does); `_document` lifts
the one `<style>` out of the head and hands WeasyPrint the parsed copy, which cascades exactly as the
inline one would (author origin, the only stylesheet).
"""

import re
import threading
from functools import cache


@cache
def _weasyprint():
    import weasyprint  # noqa: PLC0415 - a second to import: on the first render only
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    class AlleenDataUrls(URLFetcher):
        """Refuses every URL except `data:`: no local file, no network, no redirect."""

        def __init__(self) -> None:
            super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)

        def fetch(self, url: str, headers=None):
            if not url.strip().lower().startswith("data:"):
                raise ValueError(f"De PDF haalt geen externe bronnen op: {url[:80]!r} geweigerd.")
            return super().fetch(url, headers)

    return weasyprint, AlleenDataUrls


def __getattr__(naam: str):
    """`netwerk.pdf.AlleenDataUrls`, the fetcher class, is built with WeasyPrint on first use."""
    if naam == "AlleenDataUrls":
        return _weasyprint()[1]
    raise AttributeError(naam)


_STIJL = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_per_draad = threading.local()


def _gedeeld():
    """This thread's font configuration and parsed stylesheets (by their text)."""
    if not hasattr(_per_draad, "fonts"):
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

        _per_draad.fonts = FontConfiguration()
        _per_draad.stijlen = {}
    return _per_draad.fonts, _per_draad.stijlen


def _document(html: str):
    weasyprint, fetcher = _weasyprint()
    fonts, stijlen = _gedeeld()
    kop, einde_kop, romp = html.partition("</head>")
    gevonden = list(_STIJL.finditer(kop)) if einde_kop else []
    stijlbladen = []
    if len(gevonden) == 1:
        tekst = gevonden[0].group(1)
        if tekst not in stijlen:
            if len(stijlen) >= 32:  # a handful of documents: a bound, not a policy
                stijlen.clear()
            stijlen[tekst] = weasyprint.CSS(
                string=tekst, base_url=None, url_fetcher=fetcher(), font_config=fonts
            )
        stijlbladen = [stijlen[tekst]]
        html = kop[: gevonden[0].start()] + kop[gevonden[0].end() :] + einde_kop + romp
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher()).render(
        stylesheets=stijlbladen, font_config=fonts
    )


def html_naar_pdf(html: str) -> bytes:
    """Any HTML to PDF bytes, with nothing fetched from outside the string itself."""
    return _document(html).write_pdf()


def pdf_en_paginas(html: str) -> tuple[bytes, int]:
    """The PDF and its number of pages, rendered once."""
    document = _document(html)
    return document.write_pdf(), len(document.pages)
