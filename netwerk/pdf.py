"""HTML to PDF for every document the app prints (trajectory, consultation documents, distribution), by
WeasyPrint, offline.

WeasyPrint reads nothing from outside: no base URL, and a fetcher that accepts only `data:` URLs. Free text
is escaped by the templates, so markup in it (`<img src="file:///etc/passwd">`, a `http://` link) prints as
text; should markup ever slip through, the fetcher is the second lock and refuses to read the file or call
the server. Stylesheets are inline (the house print style is `netwerk/pdf/huisstijl.css`) and the font
comes from fontconfig (DejaVu Sans), so a render needs no fetch at all.

WeasyPrint takes about a second to import: it is loaded on the first render, not with every web process's
first page, which is why its imports sit inside the functions below.
"""

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


def _document(html: str):
    weasyprint, fetcher = _weasyprint()
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher()).render()


def html_naar_pdf(html: str) -> bytes:
    """Any HTML to PDF bytes, with nothing fetched from outside the string itself."""
    return _document(html).write_pdf()


def pdf_en_paginas(html: str) -> tuple[bytes, int]:
    """The PDF and its number of pages, rendered once."""
    document = _document(html)
    return document.write_pdf(), len(document.pages)
