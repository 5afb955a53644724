"""Approximate centres of the municipalities the network works in: enough to estimate travel for the week
planning when a school's or a supporter's own coordinates are not known.

Coordinates in degrees (WGS 84), rounded to three decimals (about 100 m): a municipality's centre, not an
address. Names as the users write them; `positie` also accepts a postcode's municipality written in
another case or with extra spaces.
"""

CENTRA: dict[str, tuple[float, float]] = {
    "Aalst": (50.937, 4.040),
    "Berlare": (51.032, 3.975),
    "Beveren": (51.213, 4.256),
    "Bornem": (51.099, 4.243),
    "Buggenhout": (51.016, 4.201),
    "Denderleeuw": (50.884, 4.073),
    "Dendermonde": (51.028, 4.101),
    "Destelbergen": (51.056, 3.797),
    "Erpe-Mere": (50.926, 3.968),
    "Geraardsbergen": (50.773, 3.882),
    "Hamme": (51.098, 4.135),
    "Kruibeke": (51.170, 4.310),
    "Laarne": (51.030, 3.850),
    "Lebbeke": (50.999, 4.134),
    "Lede": (50.966, 3.986),
    "Lochristi": (51.097, 3.832),
    "Lokeren": (51.104, 3.992),
    "Melle": (51.003, 3.800),
    "Merelbeke": (50.994, 3.745),
    "Moerbeke": (51.174, 3.931),
    "Ninove": (50.834, 4.024),
    "Oosterzele": (50.953, 3.797),
    "Puurs-Sint-Amands": (51.075, 4.290),
    "Sint-Gillis-Waas": (51.219, 4.123),
    "Sint-Niklaas": (51.166, 4.143),
    "Stekene": (51.209, 4.036),
    "Temse": (51.126, 4.213),
    "Waasmunster": (51.106, 4.086),
    "Wetteren": (51.005, 3.883),
    "Wichelen": (50.973, 3.969),
    "Zele": (51.066, 4.040),
    "Zottegem": (50.869, 3.810),
}

_OP_SLEUTEL = {naam.casefold(): positie for naam, positie in CENTRA.items()}


def positie(gemeente: str) -> tuple[float, float] | None:
    """The centre of a municipality, or None when it is not known."""
    return _OP_SLEUTEL.get(" ".join(gemeente.split()).casefold())
