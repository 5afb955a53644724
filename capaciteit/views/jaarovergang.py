"""The year transition, as one guided step for the coordinator: what carries over, what is asked, and the
confirmation that does it (capaciteit.services.jaarovergang)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from capaciteit.forms import JaarovergangForm
from capaciteit.services.jaarovergang import jaarovergang_uitvoeren, overgangsplan
from capaciteit.views import gedeeld
from netwerk.invoer import fouten_op_formulier
from netwerk.schooljaar import als_tekst, huidig_schooljaar, schooljaar_uit_verzoek


@require_http_methods(["GET", "POST"])
def capaciteit_jaarovergang(request: HttpRequest) -> HttpResponse:
    gedeeld.toegang(request)
    huidig = huidig_schooljaar()
    van = schooljaar_uit_verzoek(request) if "schooljaar" in request.GET else huidig
    van = min(max(van, huidig - 1), huidig)  # from the year that ends (or just ended) to the next
    plan = overgangsplan(lsc_id=request.user.lsc_id, van=van)
    formulier = JaarovergangForm(request.POST or None, initial={"stand": plan.stand})
    if request.method == "POST" and formulier.is_valid():
        try:
            resultaat = jaarovergang_uitvoeren(
                door=request.user,
                lsc=request.user.lsc,
                van=van,
                stand=formulier.cleaned_data["stand"],
                envelop_uren=formulier.cleaned_data["envelop_uren"],
            )
        except ValidationError as fout:
            fouten_op_formulier(formulier, fout)
        else:
            messages.success(request, _bericht(resultaat, plan))
            return redirect(f"{reverse('capaciteit_jaarovergang')}?schooljaar={van}")
    return render(
        request,
        "capaciteit/jaarovergang.html",
        {
            "plan": plan,
            "formulier": formulier,
            "jaren": [(j, als_tekst(j), als_tekst(j + 1)) for j in (huidig - 1, huidig)],
            "planning_url": gedeeld.planning_url(plan.naar),
            "vorige_planning_url": gedeeld.planning_url(plan.van),
        },
    )


def _bericht(resultaat, plan) -> str:
    bericht = ngettext(
        "Schooljaar %(naar)s staat klaar: %(aantal)s anker overgezet.",
        "Schooljaar %(naar)s staat klaar: %(aantal)s ankers overgezet.",
        resultaat.ankers,
    ) % {"naar": plan.naar_tekst, "aantal": resultaat.ankers}
    if resultaat.envelop_nieuw:
        bericht += " " + _("De envelop van %(uren)s uur is aangemaakt met de verdeelsleutel van %(van)s.") % {
            "uren": resultaat.envelop.uren,
            "van": plan.van_tekst,
        }
    return bericht
