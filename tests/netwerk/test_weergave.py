"""netwerk/weergave.py writes select lists in Python: byte for byte what Django's templates write."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from netwerk.models import Rol
from netwerk.weergave import Weergever

KEUZES = [
    ("", "---------"),
    ("a&b", 'Tom & "Jerry" <b>'),
    (3, 12000),
    ("veilig", mark_safe("<em>al veilig</em>")),
    ("lui", gettext_lazy("Trajecten")),
    (gettext_lazy("Groep <1>"), [("x", "In een groep"), ("y", "Ook 'hier'")]),
]


class Proef(forms.Form):
    enkel = forms.ChoiceField(choices=KEUZES, required=False)
    verplicht = forms.ChoiceField(
        choices=KEUZES,
        widget=forms.Select(attrs={"hx-get": "/x/?a=1&b=2", "data-leeg": "", "disabled": True}),
    )
    meer = forms.MultipleChoiceField(choices=KEUZES, required=False)
    vinkjes = forms.MultipleChoiceField(
        choices=KEUZES[1:3], widget=forms.CheckboxSelectMultiple, required=False
    )
    ja_nee = forms.NullBooleanField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"enkel": "a&b", "verplicht": "x", "meer": ["3", "y", "veilig"], "ja_nee": "true"},
        {"enkel": "3"},
    ],
)
def test_elke_keuzelijst_gelijk_aan_die_van_django(data):
    formulier = Proef(data)
    for veld in formulier:
        widget, waarde, attrs = veld.field.widget, veld.value(), {"id": veld.auto_id}
        django = widget.render(veld.html_name, waarde, attrs=attrs, renderer=DjangoTemplates())
        assert widget.render(veld.html_name, waarde, attrs=attrs, renderer=Weergever()) == django, veld.name


def test_de_snelle_weg_wordt_genomen_en_laat_andere_widgets_aan_django(monkeypatch):
    gebruikt = []
    monkeypatch.setattr("netwerk.weergave.keuzelijst", lambda widget: gebruikt.append(widget["name"]) or "")
    str(Proef())
    assert gebruikt == ["enkel", "verplicht", "meer", "ja_nee"]


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')


@pytest.mark.django_db
def test_paginas_met_keuzelijsten_zijn_gelijk_met_beide_weergevers(client, wereld_met_trajecten):
    w = wereld_met_trajecten
    paginas = [
        (Rol.COORDINATOR, reverse("traject_lijst") + f"?status=lopend&school={w.eigen_school.pk}"),
        (Rol.COORDINATOR, reverse("traject_nieuw")),
        (Rol.COORDINATOR, reverse("capaciteit_planning")),
        (Rol.COORDINATOR, reverse("school_lijst")),
        (Rol.COORDINATOR, reverse("traject_toewijzen", args=[w.eigen_traject.pk])),
        (Rol.ONDERSTEUNER, reverse("mijn_trajecten")),
    ]
    for rol, url in paginas:
        client.force_login(w.gebruikers[rol])
        eigen = client.get(url)
        with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
            django = client.get(url)
        assert eigen.status_code == django.status_code == 200, url
        assert "<select" in django.content.decode(), url
        assert CSRF.sub("", eigen.content.decode()) == CSRF.sub("", django.content.decode()), url
