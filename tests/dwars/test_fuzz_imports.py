"""Every import under Hypothesis: spreadsheets of schools and figures, and the LSC's logo.

The files are random bytes, broken CSV in several encodings, XLSX that is zip garbage or cut short,
real XLSX with formulas, huge cells and control characters, headers missing or doubled. Whatever comes
in: no server error, a Dutch reason, and nothing stored unless the whole plan (or, when asked, every
good row) goes in. What does go in is read back by the export.
"""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import conditional_escape
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from PIL import Image

from netwerk.export import als_csv, als_xlsx
from netwerk.inlezen import Bestandsfout
from netwerk.models import Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.exporteren import schoolrijen
from scholen.importeren import CIJFERS, NETTEN, NIVEAUS, SCHOLEN, plan_cijfers, plan_scholen
from scholen.models import School
from scholen.services.importeren import ImportGeweigerd, cijfers_importeren, scholen_importeren
from tests.support.fuzz import FUZZ, is_nederlands, rapport_schrijven, savepoint, tel, vreemde_tekst
from tests.support.invoer import tabelstand


@pytest.fixture(scope="module", autouse=True)
def _rapport():
    yield
    rapport_schrijven()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# ------------------------------------------------------------------------------------------ the files


def _cel(soort: str, kolom: str, bekend: list[str]) -> st.SearchStrategy[str]:
    """A value for one column: mostly what a coordinator would type, sometimes anything at all."""
    jaar = huidig_schooljaar() - 1
    goed = {
        "instellingsnummer": st.one_of(st.sampled_from(bekend), st.from_regex(r"\A[0-9]{5,6}\Z")),
        "naam": st.text(min_size=1, max_size=60),
        "straat": st.text(max_size=60),
        "postcode": st.from_regex(r"\A[0-9]{4}\Z"),
        "gemeente": st.text(min_size=1, max_size=40),
        "niveau": st.sampled_from(sorted(NIVEAUS)),
        "net": st.sampled_from(sorted(NETTEN)),
        "scholengemeenschap": st.text(max_size=40),
        "clb": st.sampled_from(["CLB Eigen", "clb eigen", "CLB Nieuw", ""]),
        "schooljaar": st.sampled_from([als_tekst(jaar), als_tekst(jaar - 3), als_tekst(jaar + 5)]),
        "leerlingen": st.integers(0, 2_000).map(str),
    }.get(kolom, st.integers(0, 30).map(str))
    vreemd = st.one_of(
        vreemde_tekst(),
        st.sampled_from(
            ["=CMD('/C calc')!A0", "=1+1", "@SUM(A1)", "4294967296", "-5", "1.250", "x" * 40_000]
        ),
    )
    return st.one_of(goed, goed, goed, vreemd)


def _kop(soort) -> st.SearchStrategy[list[str]]:
    """The header as written, with its usual variants and faults: missing, doubled or unknown columns."""
    kolommen = list(soort.kolommen)
    return st.one_of(
        st.just(kolommen),
        st.permutations(kolommen),
        st.just([k.upper().replace("_", " ") for k in kolommen]),
        st.lists(st.sampled_from([*kolommen, "extra", ""]), max_size=len(kolommen) + 2),
        st.just([]),
    )


@st.composite
def tabel(draw, soort, bekend: list[str]) -> list[list]:
    kop = draw(_kop(soort))
    rijen = [kop]
    for _ in range(draw(st.integers(0, 6))):
        rijen.append([draw(_cel(soort, kolom, bekend)) for kolom in kop or soort.kolommen])
    if draw(st.booleans()):
        # Rows of another length, and blank lines between.
        rijen.insert(draw(st.integers(0, len(rijen))), draw(st.lists(vreemde_tekst(20), max_size=12)))
    return rijen


def _als_csv(rijen, scheiding: str, codering: str) -> bytes:
    def cel(tekst) -> str:
        tekst = str(tekst)
        return '"' + tekst.replace('"', '""') + '"' if any(t in tekst for t in f'"{scheiding}\r\n') else tekst

    tekst = "\r\n".join(scheiding.join(cel(c) for c in rij) for rij in rijen)
    return tekst.encode(codering, errors="replace")


def _als_xlsx(rijen) -> bytes:
    boek = openpyxl.Workbook()
    for rij in rijen:
        try:
            boek.active.append(rij)
        except IllegalCharacterError:
            boek.active.append(["?" for _cel in rij])  # Excel cannot hold these characters either
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


# A place in a file drawn independently of its length: an XLSX carries the time it was written, so its
# length differs between two runs of the same example.
_plek = st.integers(0, 2**16)


@st.composite
def bestand(draw, soort, bekend: list[str]) -> bytes:
    rijen = draw(tabel(soort, bekend))
    vorm = draw(
        st.sampled_from(["csv", "csv", "xlsx", "xlsx getallen", "bytes", "zip", "xlsx kapot", "csv half"])
    )
    if vorm == "csv":
        scheiding = draw(st.sampled_from([";", ",", "\t"]))
        codering = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
        return _als_csv(rijen, scheiding, codering)
    if vorm == "csv half":
        data = _als_csv(rijen, ";", "utf-8")
        return data[: draw(_plek) % (len(data) + 1)] + draw(
            st.sampled_from([b"", b'"', b"\xff\xfe", b"\x00"])
        )
    if vorm == "xlsx getallen":
        # What Excel stores: numbers as numbers, dates, booleans, empty cells, formulas.
        waarden = st.one_of(
            st.none(),
            st.integers(-(2**40), 2**40),
            st.floats(allow_nan=True, allow_infinity=True),
            st.dates(),
            st.booleans(),
            st.sampled_from(["=1/0", '=HYPERLINK("http://x")', "=CMD|' /C calc'!A0"]),
        )
        rijen = [rijen[0], *draw(st.lists(st.lists(waarden, max_size=9), max_size=4))]
        return _als_xlsx(rijen)
    if vorm == "xlsx":
        return _als_xlsx(rijen)
    if vorm == "bytes":
        return draw(st.binary(max_size=2_000))
    if vorm == "zip":
        uit = io.BytesIO()
        with zipfile.ZipFile(uit, "w") as archief:
            for naam in draw(
                st.lists(st.sampled_from(["xl/workbook.xml", "[Content_Types].xml", "a.txt"]), max_size=3)
            ):
                archief.writestr(naam, draw(st.binary(max_size=200)))
        return b"PK\x03\x04" + draw(st.binary(max_size=100)) if draw(st.booleans()) else uit.getvalue()
    data = _als_xlsx(rijen)
    plek = draw(_plek) % len(data)
    return data[:plek] + draw(st.binary(max_size=50)) + data[plek + draw(st.integers(0, 200)) :]


# --------------------------------------------------------------------------------- plan and services


NUL_IN_EEN_CEL = {
    "scholen": b"instellingsnummer;naam;gemeente;niveau;net;clb\r\n223344;Wilg;Gent;lager;vrij;CLB\x00\r\n",
    "cijfers": b"instellingsnummer;schooljaar;leerlingen\r\n\x00100010;2024-2025;250\r\n",
}


def _bekend(w) -> list[str]:
    return [w.eigen_school.instellingsnummer, w.vreemde_school.instellingsnummer]


def _controleer_plan(plan) -> None:
    for rij in plan.rijen:
        for fout in rij.fouten:
            assert is_nederlands(fout.reden, [str(c) for c in rij.cellen.values()]), fout.reden


@pytest.mark.django_db
@pytest.mark.parametrize("soort", [SCHOLEN, CIJFERS], ids=lambda s: s.naam)
def test_plan_en_import_onder_fuzz(wereld_met_trajecten, tmp_path, soort):
    """Read, check and apply: a Dutch refusal of the file or of rows, or every row stored and exported."""

    w = wereld_met_trajecten
    pad = tmp_path / "invoer"

    @FUZZ
    @given(data=bestand(soort, _bekend(w)), lsc_van_de_wereld=st.booleans(), zonder=st.booleans())
    # A NUL in a cell reached PostgreSQL, which refuses it: a server error at the commit.
    @example(data=NUL_IN_EEN_CEL[soort.naam], lsc_van_de_wereld=True, zonder=True)
    def voorbeeld(data, lsc_van_de_wereld, zonder):
        tel("imports", f"plan en import {soort.naam}")
        pad.write_bytes(data)
        with savepoint():
            voor = tabelstand()
            try:
                if soort is SCHOLEN:
                    plan = plan_scholen(pad, lsc=w.lsc)
                else:
                    plan = plan_cijfers(pad, lsc=w.lsc if lsc_van_de_wereld else None)
            except Bestandsfout as fout:
                assert is_nederlands(str(fout)), str(fout)
                assert tabelstand() == voor
                return
            _controleer_plan(plan)
            try:
                with savepoint():
                    if soort is SCHOLEN:
                        scholen_importeren(plan=plan, lsc=w.lsc, zonder_geweigerde=zonder)
                    else:
                        cijfers_importeren(plan=plan, zonder_geweigerde=zonder)
                    rijen = list(
                        schoolrijen(School.objects.all(), jaren=range(2018, huidig_schooljaar() + 1))
                    )
                    als_csv(rijen)
                    als_xlsx(rijen, blad="Scholen")
            except ImportGeweigerd as fout:
                assert plan.geweigerd and not zonder
                assert all(is_nederlands(m) for m in fout.messages), fout.messages
                assert tabelstand() == voor, "een geweigerde import liet rijen achter"

    voorbeeld()


@pytest.mark.django_db
@pytest.mark.parametrize("commando", ["importeer_scholen", "importeer_cijfers"])
def test_importcommando_onder_fuzz(wereld, tmp_path, commando):
    """On the command line a refused file or row is a CommandError in Dutch (exit 1), never a traceback."""
    soort = SCHOLEN if commando == "importeer_scholen" else CIJFERS
    pad = tmp_path / "invoer"
    extra = ["--lsc", wereld.lsc.naam] if soort is SCHOLEN else []

    @FUZZ
    @given(data=bestand(soort, _bekend(wereld)), zonder=st.booleans())
    def voorbeeld(data, zonder):
        tel("imports", f"commando {commando}")
        pad.write_bytes(data)
        with savepoint():
            voor = tabelstand()
            try:
                call_command(
                    commando, str(pad), *extra, *(["--zonder-geweigerde"] if zonder else []),
                    stdout=io.StringIO(), stderr=io.StringIO(),
                )  # fmt: skip
            except CommandError as fout:
                assert is_nederlands(str(fout)), str(fout)
                assert tabelstand() == voor

    voorbeeld()


# ------------------------------------------------------------------------------------------ the screens


# Any name a browser can send: it sends the base name, without control characters or quotes.
bestandsnaam = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters='/\\"'),
    min_size=1,
    max_size=80,
)


def _upload(data: bytes, naam: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, data, content_type="application/octet-stream")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "soort,rol", [(SCHOLEN, Rol.COORDINATOR), (CIJFERS, Rol.COORDINATOR), (SCHOLEN, Rol.ADMIN)], ids=str
)
def test_importschermen_onder_fuzz(client, wereld_met_trajecten, soort, rol):
    """Upload, preview and confirm through the real views: a clear Dutch reason on the page, nothing
    stored from a refused file, and a confirmed import that stores exactly the plan."""
    w = wereld_met_trajecten
    gebruiker = w.gebruikers[rol]

    @FUZZ
    @given(
        data=bestand(soort, _bekend(w)),
        naam=st.one_of(st.sampled_from(["scholen.csv", "cijfers.xlsx", "x.xls"]), bestandsnaam),
        actie=st.sampled_from(["", "zonder", "zonder bevestigd", "annuleren"]),
        htmx=st.booleans(),
    )
    def voorbeeld(data, naam, actie, htmx):
        tel("imports", f"schermen {soort.naam} ({rol})")
        with savepoint():
            client.cookies.clear()
            client.force_login(gebruiker)
            kop = {"HX-Request": "true"} if htmx else {}
            voor = tabelstand()
            velden = {"soort": soort.naam, f"{soort.naam}-bestand": _upload(data, naam)}
            if rol == Rol.ADMIN:
                velden[f"{soort.naam}-lsc"] = str(w.lsc.pk)
            antwoord = client.post(reverse("import_start"), velden, headers=kop)
            assert antwoord.status_code in {200, 302}, antwoord.status_code
            if antwoord.status_code == 200:
                formulier = antwoord.context["secties"][0 if soort is SCHOLEN else 1]["formulier"]
                assert formulier.errors, "een upload zonder fout moet naar het voorbeeld gaan"
                for melding in (str(m) for lijst in formulier.errors.values() for m in lijst):
                    assert is_nederlands(melding, [naam]), melding
                    assert conditional_escape(melding) in antwoord.content.decode(), melding
                assert tabelstand() == voor
                return
            voorbeeld_url = antwoord["Location"]
            pagina = client.get(voorbeeld_url, headers=kop)
            assert pagina.status_code == 200
            if pagina.context.get("bestandsfout"):
                assert is_nederlands(pagina.context["bestandsfout"]), pagina.context["bestandsfout"]
            sleutel = voorbeeld_url.rstrip("/").rsplit("/", 1)[1]
            if actie == "annuleren":
                antwoord = client.post(reverse("import_annuleer", args=[sleutel]), headers=kop)
                assert antwoord.status_code == 302
                assert tabelstand() == voor
                return
            plan = pagina.context.get("plan")
            post = {"actie": "zonder" if actie.startswith("zonder") else ""}
            if actie == "zonder bevestigd":
                post |= {"weglaten_bevestigd": "1", "geweigerd": str(len(plan.geweigerd)) if plan else "0"}
            antwoord = client.post(reverse("import_bevestig", args=[sleutel]), post, headers=kop)
            assert antwoord.status_code == 302, antwoord.status_code
            for bericht in client.get(antwoord["Location"]).context["messages"]:
                assert is_nederlands(bericht.message), bericht.message
            gelukt = plan is not None and (not plan.geweigerd or actie == "zonder bevestigd")
            if not gelukt:
                assert tabelstand() == voor, "een geweigerd bestand liet rijen achter"

    voorbeeld()


@pytest.mark.django_db
def test_logo_onder_fuzz(client, wereld):
    """The LSC's logo: any bytes under any name give a Dutch reason or a clean PNG, never a 500."""

    client.force_login(wereld.gebruikers[Rol.COORDINATOR])

    def beeld(formaat: str, breedte: int, hoogte: int) -> bytes:
        uit = io.BytesIO()
        Image.new("RGB", (breedte, hoogte), "orange").save(uit, format=formaat)
        return uit.getvalue()

    echte = st.builds(
        beeld, st.sampled_from(["PNG", "JPEG", "GIF", "BMP"]), st.integers(1, 300), st.integers(1, 300)
    )
    inhoud = st.one_of(
        echte,
        echte.flatmap(lambda b: st.integers(0, len(b)).map(lambda n: b[:n])),
        st.binary(max_size=3_000),
        st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
    )

    @FUZZ
    @given(
        data=inhoud,
        naam=st.sampled_from(["logo.png", "logo.jpg", "x", "logo.svg"]),
        verwijderen=st.booleans(),
    )
    def voorbeeld(data, naam, verwijderen):
        tel("imports", "logo")
        with savepoint():
            velden = {"logo": _upload(data, naam)}
            if verwijderen:
                velden["verwijderen"] = "1"
            antwoord = client.post(reverse("lsc_logo"), velden)
            assert antwoord.status_code in {200, 302}
            if antwoord.status_code == 200:
                fouten = [str(m) for lijst in antwoord.context["formulier"].errors.values() for m in lijst]
                assert fouten
                for melding in fouten:
                    assert is_nederlands(melding, [naam]), melding
            else:
                client.get(antwoord["Location"])

    voorbeeld()
