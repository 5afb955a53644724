"""The chart module: well-formed, accessible SVG whose shapes are proportional to the numbers, for empty and
zero data too, with every label escaped and the same numbers as table rows."""

import re
import xml.etree.ElementTree as ET

import pytest

from netwerk import grafiek

NS = "{http://www.w3.org/2000/svg}"


def _boom(g: grafiek.Grafiek) -> ET.Element:
    return ET.fromstring(g.svg)  # noqa: S314 - our own markup, parsed to check it


def _balken(g: grafiek.Grafiek, klasse: str = "reeks-0") -> list[ET.Element]:
    """The bars of one series (not the legend's swatch)."""
    return [r for r in _boom(g).iter(f"{NS}rect") if r.get("class") == f"staaf {klasse}"]


def _staven(**extra) -> grafiek.Grafiek:
    opties = {
        "id": "proef",
        "titel": "Proef",
        "beschrijving": "Een beschrijving",
        "reeksen": ["a"],
        "rijen": [grafiek.Rij("Een", (10,)), grafiek.Rij("Twee", (25,)), grafiek.Rij("Drie", (40,))],
    }
    return grafiek.staven(**(opties | extra))


def test_de_svg_is_xml_met_rol_titel_en_beschrijving():
    boom = _boom(_staven())
    assert boom.get("role") == "img"
    assert boom.get("aria-labelledby") == "proef-titel"
    assert boom.get("aria-describedby") == "proef-beschrijving"
    assert boom.find(f"{NS}title").text == "Proef" and boom.find(f"{NS}title").get("id") == "proef-titel"
    assert boom.find(f"{NS}desc").text == "Een beschrijving"
    assert "style=" not in _staven().svg and "<script" not in _staven().svg


def test_staven_zijn_evenredig_met_de_waarden():
    breedtes = [float(r.get("width")) for r in _balken(_staven())]
    assert breedtes[1] / breedtes[0] == pytest.approx(2.5, rel=0.02)
    assert breedtes[2] / breedtes[0] == pytest.approx(4, rel=0.02)


def test_gestapelde_delen_sluiten_aan_en_tellen_op():
    g = _staven(reeksen=["a", "b"], rijen=[grafiek.Rij("Een", (30, 10)), grafiek.Rij("Twee", (20, 20))])
    a, b = _balken(g, "reeks-0"), _balken(g, "reeks-1")
    for eerste, tweede in zip(a, b, strict=True):
        assert float(eerste.get("x")) + float(eerste.get("width")) == pytest.approx(
            float(tweede.get("x")), abs=0.1
        )
    assert float(a[0].get("width")) + float(b[0].get("width")) == pytest.approx(
        float(a[1].get("width")) + float(b[1].get("width")), abs=0.2
    )
    assert g.kop == ("", "a", "b", "Totaal") and g.rijen[0] == ("Een", "30", "10", "40")


def test_relatief_maakt_elke_rij_even_lang():
    g = _staven(
        reeksen=["klaar", "niet"], rijen=[grafiek.Rij("A", (1, 3)), grafiek.Rij("B", (6, 6))], relatief=True
    )
    a, b = _balken(g, "reeks-0"), _balken(g, "reeks-1")
    assert float(a[0].get("width")) * 2 == pytest.approx(float(a[1].get("width")), abs=0.2)
    totaal = [float(x.get("width")) + float(y.get("width")) for x, y in zip(a, b, strict=True)]
    assert totaal[0] == pytest.approx(totaal[1], abs=0.2)


def test_gegroepeerd_met_band_en_merkteken():
    g = _staven(
        reeksen=["gepland", "gelogd"],
        rijen=[grafiek.Rij("Ann", (10, 20), band=40, merktekens=((30, "doel", "opdracht"),))],
        gegroepeerd=True,
        band="tijdskader",
    )
    boom = _boom(g)
    band = next(r for r in boom.iter(f"{NS}rect") if r.get("class") == "band")
    gepland, gelogd = _balken(g, "reeks-0")[0], _balken(g, "reeks-1")[0]
    assert float(gelogd.get("width")) == pytest.approx(2 * float(gepland.get("width")), rel=0.02)
    assert float(band.get("width")) == pytest.approx(4 * float(gepland.get("width")), rel=0.02)
    getekend = [lijn for lijn in boom.iter(f"{NS}line") if lijn.find(f"{NS}title") is not None]
    merk = next(lijn for lijn in getekend if "doel" in lijn.get("class"))  # not the legend's
    assert float(merk.get("x1")) == pytest.approx(
        float(gepland.get("x")) + 3 * float(gepland.get("width")), abs=0.2
    )
    assert merk.find(f"{NS}title").text == "Ann, opdracht: 30"


def test_de_legende_benoemt_band_en_merktekens():
    """Beside the series, the legend names the band behind the bars and each kind of mark once, drawn as
    they are drawn in the chart; without a band in the rows, no band in the legend."""
    rijen = [
        grafiek.Rij(naam, (10,), band=40, merktekens=((30, "prorata", "pro rata"),)) for naam in ("A", "B")
    ]
    boom = _boom(_staven(rijen=rijen, band="tijdskader van het jaar"))
    labels = [t.text for t in boom.iter(f"{NS}text") if t.get("class") == "legendelabel"]
    assert labels == ["a", "tijdskader van het jaar", "pro rata"]
    assert [r for r in boom.iter(f"{NS}rect") if r.get("class") == "legendeteken band"]
    assert [lijn for lijn in boom.iter(f"{NS}line") if lijn.get("class") == "merk prorata"]
    zonder = _boom(_staven(band="tijdskader van het jaar"))
    assert [t.text for t in zonder.iter(f"{NS}text") if t.get("class") == "legendelabel"] == ["a"]


def test_nul_en_leeg_geven_een_geldige_grafiek():
    nul = _staven(rijen=[grafiek.Rij("Niets", (0,))])
    assert [float(r.get("width")) for r in _balken(nul)] == [0]
    leeg = _staven(rijen=[])
    assert "Geen gegevens" in leeg.svg and leeg.leeg
    kolom = grafiek.kolommen(id="k", titel="T", beschrijving="B", labels=[], waarden=[], reeks="r")
    assert "Geen gegevens" in kolom.svg
    for g in (nul, leeg, kolom):
        _boom(g)
        assert not re.search(r'="[^"]*(nan|inf)[^"]*"', g.svg)


def test_labels_worden_ontsnapt():
    g = _staven(titel='<script>"x"</script>', rijen=[grafiek.Rij("Sint-Jan & <b>", (3,))])
    boom = _boom(g)
    assert "<script>" not in g.svg and "<b>" not in g.svg
    assert boom.find(f"{NS}title").text == '<script>"x"</script>'
    assert any(t.text == "Sint-Jan & <b>" for t in boom.iter(f"{NS}text"))


def test_kolommen_met_as_waarden_en_lijn():
    g = grafiek.kolommen(
        id="h",
        titel="Antwoordtijd",
        beschrijving="B",
        labels=["0–6", "7–13", "14–20"],
        waarden=[4, 2, 0],
        reeks="aanvragen",
        lijn=grafiek.Lijn(positie=2, label="termijn"),
    )
    hoogtes = [float(r.get("height")) for r in _balken(g)]
    assert hoogtes[0] == pytest.approx(2 * hoogtes[1], rel=0.02) and hoogtes[2] == 0
    teksten = [t.text for t in _boom(g).iter(f"{NS}text")]
    assert {"0", "4", "2", "termijn", "7–13"} <= set(teksten)
    assert g.rijen == (("0–6", "4"), ("7–13", "2"), ("14–20", "0"))


def test_kommagetallen_in_labels_maar_punten_in_coordinaten():
    g = _staven(rijen=[grafiek.Rij("Een", (2.5,)), grafiek.Rij("Twee", (1 / 3,))])
    assert g.rijen[0] == ("Een", "2,5")
    for waarde in re.findall(r'\b(?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', g.svg):
        float(waarde)


@pytest.mark.parametrize(("maximum", "stap"), [(0, 1), (7, 2), (40, 10), (95, 50), (1234, 500), (0.8, 0.2)])
def test_ronde_stappen(maximum, stap):
    assert grafiek.stap_voor(maximum) == pytest.approx(stap)


def test_een_as_van_aantallen_telt_in_gehele_stappen():
    g = grafiek.kolommen(id="k", titel="T", beschrijving="B", labels=["a", "b"], waarden=[1, 0], reeks="r")
    assert [t.text for t in _boom(g).iter(f"{NS}text") if t.get("class") == "aslabel aslabel-y"] == ["0", "1"]


def test_een_lange_naam_past_links_van_de_staven():
    """A name is cut (with …) to what fits the label column at the widest font's character width; the full
    name stays in the bar's tooltip and the table."""
    naam = "Campus De Windroos Scheldeoever"
    g = _staven(rijen=[grafiek.Rij(naam, (10,)), grafiek.Rij("Campus De Windroos", (5,))])
    labels = [t.text for t in _boom(g).iter(f"{NS}text") if t.get("class") == "naamlabel"]
    breedte = 130 - 6  # the label column, less the gap before the bars
    for label in labels:
        assert len(label) * grafiek.LETTER * 0.62 <= breedte, label
    assert labels[0].endswith("…") and labels[0][:-1] in naam
    assert g.rijen[0][0] == naam
