"""The school's answers to the two closing questions, through the link in its mail: no login.

The page shows the school's name and the questions, nothing about the pupil. An unknown key is a plain
404, so the page tells a guesser nothing; a used or expired link, or one of a trajectory reopened since,
says so in words.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from trajecten import services
from trajecten.forms import AfsluitvragenForm

SJABLOON = "trajecten/afsluitvragen.html"


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def afsluitvragen(request: HttpRequest, sleutel: str) -> HttpResponse:
    vraag = services.afsluitvraag_voor_sleutel(sleutel)
    if vraag is None:
        raise Http404
    context = {"school": vraag.traject.school}
    if vraag.beantwoord_op is not None:
        context.update(toestand="beantwoord", vraag=vraag, net_bewaard="bewaard" in request.GET)
        return render(request, SJABLOON, context)
    if services.afsluitlink_ingetrokken(vraag):
        return render(request, SJABLOON, {**context, "toestand": "ingetrokken"}, status=410)
    if vraag.verloopt_op < timezone.now():
        return render(request, SJABLOON, {**context, "toestand": "verlopen"}, status=410)
    formulier = AfsluitvragenForm(request.POST if request.method == "POST" else None)
    if formulier.is_bound and formulier.is_valid():
        try:
            services.afsluitvragen_beantwoorden(sleutel=sleutel, **formulier.cleaned_data)
        except ValidationError as fout:
            formulier.add_error(None, fout.messages)
        else:
            return redirect(reverse("afsluitvragen", kwargs={"sleutel": sleutel}) + "?bewaard")
    return render(request, SJABLOON, {**context, "formulier": formulier})
