"""A small, safe text markup for the consultation's templates and reports, rendered to HTML.

What a coordinator or supporter can write, one block per blank-line-separated group of lines:

    # Kop, ## Tussenkop, ### Kleine kop
    - of * een opsomming
    1. een genummerde lijst
    gewone tekst: een alinea (een enkele nieuwe regel blijft een nieuwe regel)

and inside a line **vet** and _cursief_. Nothing else: the text is escaped before any tag is added, so
`<script>` or `<img src="file:...">` prints as text and the only tags in the output are our own. Italics
are applied inside each bold part or between them, never across, so the tags always nest properly.
"""

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

_KOP = re.compile(r"^(#{1,3})[ \t]+(.*?)[ \t#]*$")
_OPSOMMING = re.compile(r"^[ \t]*[-*][ \t]+(.*)$")
_NUMMERING = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]+(.*)$")
_VET = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
# Underscores inside words (file_name, a_b_c) stay underscores.
_CURSIEF = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")

# The tags `naar_html` can produce: what the tests allow and nothing more.
TAGS = frozenset({"h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "br"})


def _regel(tekst: str) -> str:
    """One line's inline markup, on text that is escaped here first."""
    delen = _VET.split(escape(tekst.strip(), quote=True))
    # split() alternates: outside, bold, outside, bold, ...
    return "".join(
        f"<strong>{_cursief(deel)}</strong>" if i % 2 else _cursief(deel) for i, deel in enumerate(delen)
    )


def _cursief(tekst: str) -> str:
    return _CURSIEF.sub(r"<em>\1</em>", tekst)


def _blokken(tekst: str) -> list[list[str]]:
    """Lines grouped by blank lines, with tabs and Windows line ends made plain."""
    blokken: list[list[str]] = [[]]
    for regel in tekst.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if regel.strip():
            blokken[-1].append(regel.rstrip())
        elif blokken[-1]:
            blokken.append([])
    return [blok for blok in blokken if blok]


def _blok_naar_html(regels: list[str], kop_niveau: int) -> list[str]:
    """A block may mix kinds: a heading line, then list items, then a paragraph, each closed in turn."""
    uit: list[str] = []
    lijst: str | None = None  # "ul" or "ol" while a list is open
    items: list[list[str]] = []
    alinea: list[str] = []

    def sluit_lijst():
        nonlocal lijst, items
        if lijst:
            inhoud = "".join(f"<li>{'<br>'.join(_regel(r) for r in item)}</li>" for item in items)
            uit.append(f"<{lijst}>{inhoud}</{lijst}>")
        lijst, items = None, []

    def sluit_alinea():
        nonlocal alinea
        if alinea:
            uit.append(f"<p>{'<br>'.join(_regel(r) for r in alinea)}</p>")
        alinea = []

    for regel in regels:
        if kop := _KOP.match(regel):
            sluit_lijst()
            sluit_alinea()
            niveau = kop_niveau + len(kop[1]) - 1
            if kop[2].strip():
                uit.append(f"<h{niveau}>{_regel(kop[2])}</h{niveau}>")
            continue
        opsomming, nummering = _OPSOMMING.match(regel), _NUMMERING.match(regel)
        if opsomming or nummering:
            soort = "ul" if opsomming else "ol"
            sluit_alinea()
            if lijst != soort:
                sluit_lijst()
                lijst = soort
            items.append([(opsomming or nummering)[1]])
        elif lijst and regel[:1] in {" ", "\t"}:
            items[-1].append(regel)  # an indented line continues the item above
        else:
            sluit_lijst()
            alinea.append(regel)
    sluit_lijst()
    sluit_alinea()
    return uit


def naar_html(tekst: str | None, *, kop_niveau: int = 2) -> SafeString:
    """The text as HTML. `#` becomes <h2> by default: the document's own title is the page's <h1>."""
    if kop_niveau not in {1, 2, 3, 4}:
        raise ValueError("kop_niveau ligt tussen 1 en 4")
    html = "\n".join(
        onderdeel for blok in _blokken(tekst or "") for onderdeel in _blok_naar_html(blok, kop_niveau)
    )
    return mark_safe(html)  # noqa: S308 - every piece of user text above went through escape()
