"""The small markup of the consultation's templates: what it makes, and that it never lets HTML through."""

import re
from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString
from hypothesis import given, settings
from hypothesis import strategies as st

from overleg.opmaak import TAGS, naar_html

LEEG = {"br"}


def test_koppen_alineas_en_lijsten():
    tekst = (
        "# Doel van het overleg\n"
        "Een eerste alinea\nover twee regels.\n\n"
        "## De school\n"
        "- eerste punt\n"
        "* tweede punt\n"
        "  loopt door\n\n"
        "### Stappen\n"
        "1. een\n"
        "2) twee\n"
    )

    assert naar_html(tekst) == (
        "<h2>Doel van het overleg</h2>\n"
        "<p>Een eerste alinea<br>over twee regels.</p>\n"
        "<h3>De school</h3>\n"
        "<ul><li>eerste punt</li><li>tweede punt<br>loopt door</li></ul>\n"
        "<h4>Stappen</h4>\n"
        "<ol><li>een</li><li>twee</li></ol>"
    )


def test_het_resultaat_is_veilig_voor_een_sjabloon():
    assert isinstance(naar_html("tekst"), SafeString)
    assert naar_html("") == "" and naar_html(None) == ""


def test_vet_en_cursief():
    assert naar_html("Dit is **belangrijk** en _nadruk_.") == (
        "<p>Dit is <strong>belangrijk</strong> en <em>nadruk</em>.</p>"
    )
    assert naar_html("**_beide_**") == "<p><strong><em>beide</em></strong></p>"


def test_liggende_streepjes_in_woorden_blijven_staan():
    assert naar_html("bestand_naam_met_streepjes en 2 * 3 * 4") == (
        "<p>bestand_naam_met_streepjes en 2 * 3 * 4</p>"
    )


def test_gekruiste_opmaak_geeft_geen_scheve_tags():
    """Italics never run across a bold part: `_a **b_ c**` keeps its underscores."""
    html = naar_html("_a **b_ c**")
    assert html == "<p>_a <strong>b_ c</strong></p>"


def test_een_lijst_mag_meteen_onder_een_alinea_of_kop_staan():
    assert naar_html("Vooraf:\n- een\n- twee\nNa de lijst.") == (
        "<p>Vooraf:</p>\n<ul><li>een</li><li>twee</li></ul>\n<p>Na de lijst.</p>"
    )
    assert naar_html("- een\n1. twee") == "<ul><li>een</li></ul>\n<ol><li>twee</li></ol>"


def test_kopniveau_is_instelbaar():
    assert naar_html("# Kop", kop_niveau=3) == "<h3>Kop</h3>"
    with pytest.raises(ValueError):
        naar_html("# Kop", kop_niveau=5)


def test_vier_hekjes_of_geen_spatie_is_geen_kop():
    assert naar_html("#### Te diep") == "<p>#### Te diep</p>"
    assert naar_html("#hashtag") == "<p>#hashtag</p>"


def test_windows_regeleinden_en_veel_lege_regels():
    assert naar_html("een\r\n\r\n\r\n\r\ntwee\rdrie") == "<p>een</p>\n<p>twee<br>drie</p>"


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ('<img src="file:///etc/passwd">', "<p>&lt;img src=&quot;file:///etc/passwd&quot;&gt;</p>"),
        ("# <b>kop</b>", "<h2>&lt;b&gt;kop&lt;/b&gt;</h2>"),
        ("- **<i>x</i>**", "<ul><li><strong>&lt;i&gt;x&lt;/i&gt;</strong></li></ul>"),
        ("a & b 'c'", "<p>a &amp; b &#x27;c&#x27;</p>"),
        ("&lt;al ontsnapt&gt;", "<p>&amp;lt;al ontsnapt&amp;gt;</p>"),
    ],
)
def test_html_in_de_tekst_wordt_tekst(tekst, verwacht):
    assert naar_html(tekst) == verwacht


class _Controle(HTMLParser):
    """Collects every tag and checks they nest; text comes back unescaped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stapel: list[str] = []
        self.tags: list[tuple[str, list]] = []
        self.tekst: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag not in LEEG:
            self.stapel.append(tag)

    def handle_endtag(self, tag):
        assert self.stapel and self.stapel[-1] == tag, (self.stapel, tag)
        self.stapel.pop()

    def handle_data(self, data):
        self.tekst.append(data)

    def handle_comment(self, data):
        raise AssertionError(f"commentaar in de uitvoer: {data!r}")

    def handle_decl(self, decl):
        raise AssertionError(f"declaratie in de uitvoer: {decl!r}")

    def unknown_decl(self, data):
        raise AssertionError(f"declaratie in de uitvoer: {data!r}")

    def handle_pi(self, data):
        raise AssertionError(f"verwerkingsinstructie in de uitvoer: {data!r}")


# Text full of the characters that matter: markup of ours, HTML's own, and ordinary letters.
_tekens = st.sampled_from([*"<>&\"'/=#*_-.1 \n\t\r!;:xyzé", "**", "# ", "- ", "1. ", "<script>", "&lt;"])
_tekst = st.one_of(st.text(max_size=300), st.lists(_tekens, max_size=120).map("".join))


@settings(max_examples=400, deadline=None)
@given(_tekst)
def test_willekeurige_tekst_geeft_alleen_onze_tags(tekst):
    html = naar_html(tekst)

    zonder_onze_tags = re.sub(r"</?(?:h2|h3|h4|p|ul|ol|li|strong|em)>|<br>", "", html)
    assert "<" not in zonder_onze_tags and ">" not in zonder_onze_tags
    controle = _Controle()
    controle.feed(html)
    controle.close()
    assert controle.stapel == []
    assert all(tag in TAGS and attrs == [] for tag, attrs in controle.tags)


@settings(max_examples=300, deadline=None)
@given(_tekst)
def test_geen_letter_gaat_verloren(tekst):
    """Every character that is not markup or whitespace is still there, in order, as text."""
    controle = _Controle()
    controle.feed(naar_html(tekst))
    controle.close()
    uit = re.sub(r"[\s*_#\-.)\d]", "", "".join(controle.tekst))
    invoer = re.sub(r"[\s*_#\-.)\d]", "", tekst)
    assert uit == invoer
