"""Small related lists read inside their parent's query, as JSON, and put back as model instances.

A page that shows one object with a handful of short lists (a trajectory's goals, evaluations, history) pays a
query per list with `prefetch_related`. Here each list is an `ARRAY(SELECT jsonb_build_object(...))` column of
the parent's own query; `zet_terug` turns the rows into instances of their model, with the related objects
they joined, and puts them where `prefetch_related` would have (`parent.lijst.all()` asks nothing more).

Every concrete field of the model is read, as `select_related` would: an instance never loads a field later.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import DecimalField, Model, QuerySet, TextField
from django.db.models.functions import Cast, JSONObject


def _velden(model: type[Model]) -> list:
    return list(model._meta.concrete_fields)


def _kolom(veld, pad: str):
    # A decimal as its text: a JSON number would come back as a float, not the stored value.
    if isinstance(veld, DecimalField):
        return Cast(pad, output_field=TextField())
    return pad


def _json(model: type[Model], voorvoegsel: str = "", extra: tuple[str, ...] = ()) -> JSONObject:
    kolommen = {veld.attname: _kolom(veld, f"{voorvoegsel}{veld.attname}") for veld in _velden(model)}
    return JSONObject(**kolommen, **{naam: naam for naam in extra})


def _instantie(model: type[Model], waarden: dict | None, extra: tuple[str, ...] = ()) -> Model | None:
    velden = _velden(model)
    if waarden is None or waarden.get(model._meta.pk.attname) is None:
        return None  # an empty foreign key: its joined columns are all null
    instantie = model.from_db(
        "default",
        [veld.attname for veld in velden],
        [veld.to_python(waarden[veld.attname]) for veld in velden],
    )
    for naam in extra:  # the row's annotations (counts, flags): as JSON gives them
        setattr(instantie, naam, waarden[naam])
    return instantie


@dataclass(frozen=True)
class Rijen:
    """A related list of a parent row: `rijen` filtered on the parent (OuterRef) and ordered as shown;
    `samen` the foreign keys to join on each row (as select_related: "ondersteuner__gebruiker"); `lijsten`
    the row's own related lists, by their accessor name on the row. The queryset's annotations come along
    as attributes (numbers, flags, texts: JSON has no dates there)."""

    rijen: QuerySet
    samen: tuple[str, ...] = ()
    lijsten: dict[str, "Rijen"] = field(default_factory=dict)

    @property
    def _extra(self) -> tuple[str, ...]:
        return tuple(self.rijen.query.annotation_select)

    def expressie(self) -> ArraySubquery:
        model = self.rijen.model
        kolommen = {"_": _json(model, extra=self._extra)}
        for pad in self.samen:
            kolommen[pad] = _json(_doel(model, pad), f"{pad}__")
        for naam, lijst in self.lijsten.items():
            kolommen[f"lijst__{naam}"] = lijst.expressie()
        return ArraySubquery(self.rijen.values(json=JSONObject(**kolommen)))

    def instanties(self, json_rijen: list[dict], ouder: Model | None = None, terug=None) -> list[Model]:
        model = self.rijen.model
        lijst = []
        for rij in json_rijen or []:
            instantie = _instantie(model, rij["_"], self._extra)
            for pad in sorted(self.samen, key=lambda p: p.count("__")):
                *boven, naam = pad.split("__")
                houder = instantie
                for stap in boven:
                    houder = getattr(houder, stap) if houder is not None else None
                if houder is None:
                    continue  # through an empty foreign key (a question nobody took yet)
                gerelateerd = _instantie(_doel(model, pad), rij[pad])
                houder._meta.get_field(naam).set_cached_value(houder, gerelateerd)
            for naam, sublijst in self.lijsten.items():
                zet_terug(instantie, naam, sublijst, rij[f"lijst__{naam}"])
            if terug is not None:
                terug.set_cached_value(instantie, ouder)
            lijst.append(instantie)
        return lijst


def _doel(model: type[Model], pad: str) -> type[Model]:
    for naam in pad.split("__"):
        model = model._meta.get_field(naam).related_model
    return model


def zet_terug(ouder: Model, naam: str, rijen: Rijen, json_rijen: list[dict]) -> None:
    """Put the list read as JSON where `prefetch_related(naam)` would: `ouder.naam.all()` asks no query.
    Each row knows its parent (the reverse foreign key is filled in)."""
    manager = getattr(ouder, naam)
    terug = getattr(manager, "field", None)
    queryset = manager.get_queryset()
    queryset._result_cache = rijen.instanties(json_rijen, ouder, terug)
    queryset._prefetch_done = True
    if not hasattr(ouder, "_prefetched_objects_cache"):
        ouder._prefetched_objects_cache = {}
    sleutel = manager.prefetch_cache_name if terug is None else terug.remote_field.cache_name
    ouder._prefetched_objects_cache[sleutel] = queryset
