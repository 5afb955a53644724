"""Writes the figures of the latest test run into docs/SECURITY.md (between the cijfers markers).

Reads var/test/uitslag.json (cases per test file, left by every pytest run) and the counts some tests
leave beside it (canary checks, fuzzed examples, axe pages, faults). Refuses a partial or failed run:
the page quotes only a whole, green `make test`.

    .venv/bin/python scripts/vertrouwen.py            # after make test
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "test"
DOC = ROOT / "docs" / "SECURITY.md"

# Promise of issues 8 and 15 → the test files that prove it.
BELOFTEN = [
    ("Access: role × URL, own and foreign, GET and POST", ["tests/dwars/test_toegang.py"]),
    (
        "Canary: nothing of another school or LSC in HTML, HTMX, PDF, export, mail, .ics",
        ["tests/dwars/test_kanarie.py"],
    ),
    ("Extra POST fields ignored", ["tests/dwars/test_extra_velden.py"]),
    (
        "Robust forms and imports (Hypothesis)",
        ["tests/dwars/test_fuzz_formulieren.py", "tests/dwars/test_fuzz_imports.py"],
    ),
    (
        "Concurrent edits and double submits",
        ["tests/dwars/test_gelijktijdig.py", "tests/dwars/test_dubbel_verzenden.py"],
    ),
    (
        "Audit: everything logged, unalterable by the application",
        ["tests/netwerk/test_audit_onveranderlijk.py"],
    ),
    (
        "Privacy: retention, pupil file, erasure, no pupil data in logs/mails/URLs/.ics",
        [
            "tests/trajecten/test_privacy.py",
            "tests/trajecten/test_geen_leerlinggegevens.py",
        ],
    ),
    (
        "Boundaries between LSCs: vouched accounts, shared schools, requests",
        [
            "tests/netwerk/test_bevestiging.py",
            "tests/scholen/test_gedeelde_scholen.py",
            "tests/e2e/test_aanvragen.py",
        ],
    ),
    (
        "Hardening: CSP, sessions, login brake, MFA for every role, the admin, secret links, logs",
        [
            "tests/netwerk/test_beveiliging.py",
            "tests/netwerk/test_beheer.py",
            "tests/netwerk/test_inlogrem.py",
            "tests/netwerk/test_logfilter.py",
            "tests/e2e/test_uitnodiging.py",
        ],
    ),
    ("Faults: Redis, PostgreSQL, worker", ["tests/storingen/"]),
    ("Backup and restore", ["tests/netwerk/test_backup.py"]),
    (
        "Accessibility: axe-core and keyboard",
        ["tests/e2e/test_toegankelijkheid.py", "tests/e2e/test_toetsenbord.py"],
    ),
]


def _tellingen(bestanden: dict, voorvoegsels: list[str]) -> dict:
    totaal: dict[str, int] = {}
    for bestand, telling in bestanden.items():
        if any(bestand == v or (v.endswith("/") and bestand.startswith(v)) for v in voorvoegsels):
            for uitkomst, aantal in telling.items():
                totaal[uitkomst] = totaal.get(uitkomst, 0) + aantal
    return totaal


def _lees(naam: str) -> dict | None:
    pad = VAR / naam
    return json.loads(pad.read_text()) if pad.exists() else None


def _extra() -> list[str]:
    """The counts some tests leave beside the run, in one line each."""
    regels = []
    if k := _lees("kanarie.json"):
        regels.append(
            f"- Canary: {k['controles']:,} responses, fragments, files and mails of other schools' and LSCs' "
            f"users inspected, {k['lekken']} leaks; {k['positieve_controles']} positive controls (the marker "
            "is found where it belongs)."
        )
    if e := _lees("extra_velden.json"):
        regels.append(
            f"- Extra POST fields: {e['posts']} posts over {len(e['urls'])} URLs carrying "
            f"{e['extra_velden']:,} extra fields; {e['vreemde_keuzes']} foreign values in real fields"
            " refused; "
            f"{e['rijen_vergeleken']:,} rows compared before and after, nothing written to the other side."
        )
    if f := _lees("fuzz.json"):
        gevallen = sum(d["gevallen"] for d in f.values())
        voorbeelden = sum(d["voorbeelden"] for d in f.values())
        delen = ", ".join(f"{naam} {d['gevallen']}" for naam, d in f.items())
        regels.append(
            f"- Hypothesis: {gevallen} forms, imports and pages fuzzed ({delen}) with {voorbeelden:,} "
            "generated inputs, 0 server errors (the run is green)."
        )
    if a := _lees("axe.json"):
        regels.append(
            f"- axe-core {a['axe_core']}: {a['controles']} checks over {a['paginas_en_toestanden']} pages"
            " and "
            f"states for {len(a['rollen'])} roles (anonymous included), {a['ernstig_of_kritiek']} serious or "
            "critical violations."
        )
    return regels


def main() -> int:
    uitslag = json.loads((VAR / "uitslag.json").read_text())
    volledig = uitslag["argumenten"] in ([], ["tests"])  # no paths given: pytest's testpaths
    if uitslag["exitstatus"] != 0 or not volledig or uitslag["keuze"] or uitslag["markers"]:
        print("var/test/uitslag.json is geen volledige, groene run: draai eerst make test.", file=sys.stderr)
        return 1
    bestanden = uitslag["bestanden"]
    alles = _tellingen(bestanden, list(bestanden))
    regels = [
        f"Run of {uitslag['wanneer'][:10]} on commit `{uitslag['commit']}`: {alles.get('passed', 0)} cases"
        f" passed, {alles.get('failed', 0)} failed, {alles.get('skipped', 0)} skipped in the whole suite.",
        "",
        "| promise | cases passed | failed | skipped |",
        "|---|---:|---:|---:|",
    ]
    for naam, voorvoegsels in BELOFTEN:
        t = _tellingen(bestanden, voorvoegsels)
        regels.append(f"| {naam} | {t.get('passed', 0)} | {t.get('failed', 0)} | {t.get('skipped', 0)} |")
    if extra := _extra():
        regels += ["", "Counts the tests left beside the run:", "", *extra]
    tekst = DOC.read_text()
    nieuw = re.sub(
        r"(<!-- cijfers:begin -->\n).*?(<!-- cijfers:end -->)",
        lambda m: m.group(1) + "\n".join(regels) + "\n" + m.group(2),
        tekst,
        flags=re.DOTALL,
    )
    DOC.write_text(nieuw)
    print("\n".join(regels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
