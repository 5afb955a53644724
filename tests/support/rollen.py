"""Who may open what: the role × URL table of every named URL, the public and own-account pages, and the
URL arguments that point at the own or the other LSC's objects of `wereld_met_overleg`.

tests/dwars/test_toegang.py walks the table; the canary, the fuzzers, the extra-fields suite and the
accessibility journey read it too.
"""

import datetime as dt

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from netwerk.models import Afwezigheid, Coachingsmoment, Gebruiker, Melding, Meldingsoort, Rol, Vorming

ALLE = set(Rol)

# Reachable without login: the way in, and what a load balancer asks.
PUBLIEK = {
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_confirm_login_code",
    "mfa_authenticate",
    "gezondheid",
    "accounts_oud",  # a permanent redirect of allauth's /accounts/… to /account/…
    # The school answers the two closing questions through a one-time link: no account needed.
    "afsluitvragen",
    # A supporter's week as a calendar feed: the secret in the URL is the key (calendar apps cannot log in).
    "weekplan_agenda",
}

# The user's own account pages (allauth): any signed-in user, about themselves only.
EIGEN_ACCOUNT = {
    "account_reauthenticate",
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
}

# Role × URL: the status each role gets, on an object of its own ("eigen") and of someone else ("vreemd").
# POST rows are sent with an empty form: what counts is who gets past the door, not what the form says.
BELEID = {Rol.COORDINATOR, Rol.DIRECTEUR}
LSC_LEZERS = {*BELEID, Rol.TEAMCOACH, Rol.ONDERSTEUNER}


def _status(standaard: int, **per_rol: int) -> dict:
    tabel = dict.fromkeys(ALLE, standaard)
    tabel.update({Rol(rol): status for rol, status in per_rol.items()})
    return tabel


def _rollen(rollen, status: int, standaard: int, **extra: int) -> dict:
    tabel = dict.fromkeys(ALLE, standaard)
    tabel.update(dict.fromkeys(rollen, status))
    tabel.update({Rol(rol): s for rol, s in extra.items()})
    return tabel


TRAJECTACTIES = [
    "traject_antwoord",
    "traject_starten",
    "traject_doel",
    "traject_evaluatie",
    "traject_afronden",
    "traject_stopzetten",
    "traject_heropenen",
    "traject_toewijzen",
    "traject_tijd",
    "traject_betrokkene",
    "traject_afspraken",
    # Calling in a focus team or asking a colleague: whoever may change the trajectory.
    "traject_focus_inroepen",
    "traject_collegavraag",
]

# A supporter on someone else's trajectory only through a focus team (trajecten.rules.FOCUSACTIES): they read
# it, its logbook and its school, log time, add goals and ask colleagues; every other action is refused (403),
# also erasing the pupil. The actions are POSTed empty, as above; tests/trajecten/test_focus.py walks it.
FOCUSONDERSTEUNER = {
    **{
        naam: 200 if naam in {"traject_tijd", "traject_doel", "traject_collegavraag"} else 403
        for naam in TRAJECTACTIES
    },
    "leerling_wissen": 403,
}
FOCUSONDERSTEUNER_LEEST = {
    "traject_detail": 200,
    "traject_logboek": 200,
    "traject_pdf": 200,
    "school_detail": 200,
}

# Who works on a consultation: the LSC's coordination and its supporters there (never the school, the CLB
# or a team coach, who read along).
OVERLEGMAKERS = {*BELEID, Rol.ONDERSTEUNER}
OVERLEGACTIES = [
    "overleg_uitnodigen_een",
    "overleg_gehouden",
    "overleg_delen",
    "overleg_aanwezig",
    "afspraak_afronden",
    "afspraak_verwijderen",  # last of the consultation's rows: it removes the agreement
]

WEEKPLANACTIES = [
    "weekplan_regel_vastzetten",
    "weekplan_regel_verplaatsen",
    "weekplan_regel_ruilen",  # issue 21: swap two visits
    "weekplan_week_vastzetten",  # issue 21: pin a supporter's whole week
    "weekplan_opnieuw",
    "weekplan_publiceren",  # last: the proposal is then published and no longer changes
]

ROLTABEL = {
    "home": {"eigen": _status(200)},
    "school_lijst": {"eigen": _status(200)},
    "school_detail": {"eigen": _status(200), "vreemd": _status(404, admin=200)},
    "school_bewerken": {
        "eigen": _rollen(BELEID, 200, 403, admin=200),
        "vreemd": _status(404, admin=200),
    },
    "school_export": {"eigen": _rollen({*BELEID, Rol.TEAMCOACH}, 200, 403, admin=200)},
    "gebruiker_uitnodigen": {"eigen": _rollen(BELEID, 200, 403, admin=200)},
    # What waits for an LSC's decision. An empty POST names no account (404 past the door); care staff
    # vouch for colleagues through the same door. A proposal about another LSC's school is not found.
    "aanvragen": {"eigen": _rollen(BELEID, 200, 403, admin=200)},
    # CLBs: made by coordinators and admins; renamed or merged only where the own LSC serves every school
    # of the CLB (the world's own CLB), else by the admin (the other school's CLB).
    "clb_lijst": {"eigen": _rollen(BELEID, 200, 403, admin=200)},
    "clb_bewerken": {
        "eigen": _rollen(BELEID, 200, 403, admin=200),
        "vreemd": _rollen(BELEID, 403, 403, admin=200),
    },
    "clb_samenvoegen": {
        "eigen": _rollen(BELEID, 200, 403, admin=200),
        "vreemd": _rollen(BELEID, 403, 403, admin=200),
    },
    "account_beslissen": {"methode": "post", "eigen": _rollen({*BELEID, Rol.ZORG}, 404, 403)},
    "voorstel_beslissen": {
        "methode": "post",
        "eigen": _rollen(BELEID, 403, 403, admin=403),
        "vreemd": _rollen(BELEID, 404, 403, admin=403),
    },
    "regioteam_detail": {
        "eigen": _rollen(LSC_LEZERS, 200, 404, admin=200),
        "vreemd": _status(404, admin=200),
    },
    "ondersteuner_detail": {
        "eigen": _rollen(LSC_LEZERS, 200, 404, admin=200),
        "vreemd": _status(404, admin=200),
    },
    "anker_toewijzen": {
        "methode": "post",
        "eigen": _rollen({*BELEID, Rol.TEAMCOACH}, 302, 403),
        "vreemd": _status(404, admin=403),
    },
    "register_bijwerken": {
        "methode": "post",
        "eigen": _status(302, clb=403),
        "vreemd": _status(404, admin=302),
    },
    "import_start": {"eigen": _rollen(BELEID, 200, 403, admin=200)},
    "import_sjabloon": {"eigen": _rollen(BELEID, 200, 403, admin=200)},
    # A preview (and its progress, the same URL asked by HTMX) belongs to whoever uploaded it: any other
    # key is simply not found, an unknown one ("eigen") as well as another user's upload ("vreemd").
    "import_voorbeeld": {
        "eigen": _rollen(BELEID, 404, 403, admin=404),
        "vreemd": _rollen(BELEID, 404, 403, admin=404),
    },
    **{
        naam: {
            "methode": "post",
            "eigen": _rollen(BELEID, 404, 403, admin=404),
            "vreemd": _rollen(BELEID, 404, 403, admin=404),
        }
        for naam in ("import_bevestig", "import_annuleer")
    },
    "traject_lijst": {"eigen": _status(200)},
    "mijn_trajecten": {"eigen": _status(403, ondersteuner=200)},
    # A supporter's day sheet, at a school of their LSC (another LSC's school is not found). A saved day is
    # found by its key and only by whoever saved it: an unknown key and another's upload key are not found.
    "dagblad": {"eigen": _status(403, ondersteuner=200)},
    "dagblad_school": {
        "methoden": ["get", "post"],
        "eigen": _status(403, ondersteuner=200),
        "vreemd": _status(403, ondersteuner=404),
    },
    "dagblad_bewaard": {"eigen": _status(403, ondersteuner=404), "vreemd": _status(403, ondersteuner=404)},
    "dagblad_ongedaan": {
        "methode": "post",
        "eigen": _status(403, ondersteuner=404),
        "vreemd": _status(403, ondersteuner=404),
    },
    "traject_export": {"eigen": _rollen({*BELEID, Rol.TEAMCOACH}, 200, 403)},
    "traject_nieuw": {"eigen": _rollen({*BELEID, Rol.ONDERSTEUNER}, 200, 403)},
    "traject_detail": {"eigen": _status(200, clb=404, admin=404), "vreemd": _status(404)},
    # The whole logbook is read by whoever reads the trajectory. A line is changed by its supporter (the
    # world's anchor) and corrected by the coordination; whoever reads along may not (403).
    "traject_logboek": {"eigen": _status(200, clb=404, admin=404), "vreemd": _status(404)},
    **{
        naam: {
            "methoden": ["get", "post"],
            "eigen": _rollen({*BELEID, Rol.ONDERSTEUNER}, 200, 403, clb=404, admin=404),
            "vreemd": _status(404),
        }
        for naam in ("traject_logboek_wijzigen", "traject_logboek_verwijderen")
    },
    # Without the key of a deletion a moment ago: refused, back to the trajectory.
    "traject_logboek_herstellen": {
        "methode": "post",
        "eigen": _rollen({*BELEID, Rol.ONDERSTEUNER}, 302, 403, clb=404, admin=404),
        "vreemd": _status(404),
    },
    "traject_pdf": {"eigen": _status(200, clb=404, admin=404), "vreemd": _status(404)},
    **{
        naam: {
            "methode": "post",
            "eigen": _rollen({*BELEID, Rol.ONDERSTEUNER}, 200, 403, clb=404, admin=404),
            "vreemd": _status(404),
        }
        for naam in TRAJECTACTIES
    },
    # A pupil's file goes to the coordination; erasure is asked by whoever may change the trajectory and
    # decided by the coordination. Pages with a form answer GET and POST alike.
    "leerling_dossier": {"eigen": _rollen(BELEID, 200, 403, clb=404, admin=404), "vreemd": _status(404)},
    "leerling_dossier_afdruk": {
        "eigen": _rollen(BELEID, 200, 403, clb=404, admin=404),
        "vreemd": _status(404),
    },
    "leerling_wissen": {
        "methoden": ["get", "post"],
        "eigen": _rollen({*BELEID, Rol.ONDERSTEUNER}, 200, 403, clb=404, admin=404),
        "vreemd": _status(404),
    },
    "wisverzoek_lijst": {"eigen": _rollen(BELEID, 200, 403)},
    "wisverzoek_beslissen": {
        "methoden": ["get", "post"],
        "eigen": _rollen(BELEID, 200, 404),
        "vreemd": _status(404),
    },
    # Focus teams and colleagues. The lists are for the LSC's people; a question is found only in the own
    # LSC (404 elsewhere and for the school and the CLB). The world's question waits for the focus team ASS,
    # of which none of the roles is a member: taking it is refused (403). Its coach (the world's regio team
    # serves the school) and the coordination assign it; the anchor and the coordination may end a focus
    # part (the empty form is refused on the page: the question is not taken yet).
    "focusvraag_lijst": {"eigen": _rollen(LSC_LEZERS, 200, 403)},
    "focusvraag_nemen": {
        "methode": "post",
        "eigen": _rollen(LSC_LEZERS, 403, 404),
        "vreemd": _status(404),
    },
    "focusvraag_toewijzen": {
        "methoden": ["get", "post"],
        "eigen": _rollen({*BELEID, Rol.TEAMCOACH}, 200, 404, ondersteuner=403),
        "vreemd": _status(404),
    },
    "focusdeel_beeindigen": {
        "methoden": ["get", "post"],
        "eigen": _rollen({*BELEID, Rol.ONDERSTEUNER}, 200, 404, teamcoach=403),
        "vreemd": _status(404),
    },
    # A question to a colleague: read by the asker, the asked and who reads the trajectory in the LSC;
    # answered by the asked colleague only (the world's question goes to a colleague outside the roles).
    "collegavraag_lijst": {"eigen": _status(403, ondersteuner=200)},
    "collegavraag_detail": {"eigen": _rollen(LSC_LEZERS, 200, 404), "vreemd": _status(404)},
    "collegavraag_antwoord": {
        "methoden": ["get", "post"],
        "eigen": _rollen(LSC_LEZERS, 403, 404),
        "vreemd": _status(404),
    },
    # The Wednesday intervisie: a supporter's regio team's agenda, and the coach's.
    "intervisie": {"eigen": _rollen({Rol.ONDERSTEUNER, Rol.TEAMCOACH}, 200, 403)},
    "capaciteit_planning": {"eigen": _rollen(BELEID, 200, 403)},
    "capaciteit_opvolging": {"eigen": _rollen(BELEID, 200, 403)},
    # An empty POST would publish the world's envelope, but nothing changed since its version: refused, back
    # to the preview. The preview itself is a page of its own.
    "capaciteit_publiceren": {"methode": "post", "eigen": _rollen(BELEID, 302, 403)},
    "capaciteit_publiceren_voorbeeld": {"eigen": _rollen(BELEID, 200, 403)},
    "capaciteit_herverdelen": {"eigen": _rollen(BELEID, 200, 403)},
    # The year transition: a page for the coordination of an LSC (an empty POST is an incomplete form: the
    # page again, nothing written).
    "capaciteit_jaarovergang": {"eigen": _rollen(BELEID, 200, 403)},
    "capaciteit_export": {"eigen": _rollen(BELEID, 200, 403), "vreemd": _rollen(BELEID, 404, 403)},
    "tijdskader_school": {"eigen": _status(200, clb=404), "vreemd": _status(404, admin=200)},
    # The school consultation. The world's own consultation is held and its report shared; the anchor owns
    # its agreement. Everything of the other LSC's school is 404 for everyone.
    "overleg_overzicht": {"eigen": _status(200, admin=404)},
    "overleg_uitnodigen": {"methode": "post", "eigen": _rollen(BELEID, 302, 404)},
    "overleg_batch": {"eigen": _rollen(BELEID, 200, 404), "vreemd": _status(404)},
    "overleg_batch_opnieuw": {"methode": "post", "eigen": _rollen(BELEID, 302, 404), "vreemd": _status(404)},
    "overleg_school": {
        "eigen": _rollen(LSC_LEZERS, 302, 404, zorg=200, clb=200),
        "vreemd": _status(404),
    },
    "overleg_plannen": {
        "methode": "post",
        "eigen": _rollen(OVERLEGMAKERS, 302, 404),
        "vreemd": _status(404),
    },
    "overleg_detail": {"eigen": _rollen(LSC_LEZERS, 200, 404, zorg=302, clb=302), "vreemd": _status(404)},
    "overleg_onderdeel": {"eigen": _rollen(OVERLEGMAKERS, 200, 404), "vreemd": _status(404)},
    # Calling the meeting off asks first (GET); posted without the version seen, it asks again. A page for
    # who may plan the meeting (coordination, the school's anchor), not found for everyone else.
    "overleg_annuleren": {
        "methoden": ["get", "post"],
        "eigen": _rollen(OVERLEGMAKERS, 200, 404),
        "vreemd": _status(404),
    },
    "overleg_verslag": {"eigen": _status(200, admin=404), "vreemd": _status(404)},
    "overleg_document": {"eigen": _status(200, admin=404), "vreemd": _status(404)},
    "overleg_afspraak_nieuw": {
        "methode": "post",
        "eigen": _rollen(OVERLEGMAKERS, 200, 404),
        "vreemd": _status(404),
    },
    "afspraak_bewerken": {"eigen": _rollen(OVERLEGMAKERS, 200, 404), "vreemd": _status(404)},
    **{
        naam: {"methode": "post", "eigen": _rollen(OVERLEGMAKERS, 302, 404), "vreemd": _status(404)}
        for naam in OVERLEGACTIES
    },
    "sjabloon_lijst": {"eigen": _rollen(BELEID, 200, 404)},
    "sjabloon_bewerken": {"eigen": _rollen(BELEID, 200, 404)},
    "sjabloon_voorbeeld": {"methode": "post", "eigen": _rollen(BELEID, 200, 404)},
    "sjabloon_pdf": {"eigen": _rollen(BELEID, 200, 404)},
    "sjabloon_herstellen": {"methode": "post", "eigen": _rollen(BELEID, 302, 404)},
    "lsc_logo": {"eigen": _rollen(BELEID, 200, 404)},
    # The week planning: the coordination plans, a supporter reads their own week.
    "weekplan_overzicht": {"eigen": _rollen(BELEID, 200, 403)},
    "weekplan_voorstellen": {"methode": "post", "eigen": _rollen(BELEID, 200, 403)},
    "weekplan_detail": {"eigen": _rollen(BELEID, 200, 403), "vreemd": _rollen(BELEID, 404, 403)},
    # Issue 21: one visit of a plan with what can be done to it (move, swap, pin).
    "weekplan_regel": {"eigen": _rollen(BELEID, 200, 403), "vreemd": _rollen(BELEID, 404, 403)},
    **{
        naam: {"methode": "post", "eigen": _rollen(BELEID, 302, 403), "vreemd": _rollen(BELEID, 404, 403)}
        for naam in WEEKPLANACTIES
    },
    # Notifications: everyone has their own; another person's is not found. Opening one follows its link.
    "meldingen": {"eigen": _status(200)},
    "melding_openen": {"eigen": _status(302), "vreemd": _status(404)},
    "meldingen_gelezen": {"methode": "post", "eigen": _status(302)},
    "meldingvoorkeuren": {"methoden": ["get", "post"], "eigen": _status(200)},
    # Issue 21: the published plan on real dates; the coordination changes one visit on one date.
    "weekplan_kalender": {"eigen": _rollen(BELEID, 200, 403)},
    "weekplan_regel_wijzigen": {
        "methoden": ["get", "post"],
        "eigen": _rollen(BELEID, 200, 403),
        "vreemd": _rollen(BELEID, 404, 403),
    },
    # ... and enters or removes a supporter's absence there (an empty form: refused, nothing saved).
    "weekplan_afwezigheid": {"methode": "post", "eigen": _rollen(BELEID, 400, 403)},
    "weekplan_afwezigheid_verwijderen": {
        "methode": "post",
        "eigen": _rollen(BELEID, 302, 403),
        "vreemd": _rollen(BELEID, 404, 403),
    },
    "mijn_week": {"eigen": _status(403, ondersteuner=200)},
    # Issue 20: a team coach reads the published week plan of their regio teams (read only).
    "weekplan_teams": {"eigen": _status(403, teamcoach=200)},
    # Issue 20: the coordination's mails that could not be sent, linked from the home page.
    "mislukte_mails": {"eigen": _rollen(BELEID, 200, 403)},
    "mijn_week_nieuwe_link": {"methode": "post", "eigen": _status(403, ondersteuner=302)},
    # Issue 21: a supporter's kilometres per month, on screen and as a file.
    "mijn_kilometers": {"eigen": _status(403, ondersteuner=200)},
    "mijn_kilometers_export": {"eigen": _status(403, ondersteuner=200)},
    # ... and the coordination's view of each supporter's (another LSC's supporter is not found).
    "kilometers_ondersteuner": {"eigen": _rollen(BELEID, 200, 403), "vreemd": _rollen(BELEID, 404, 403)},
    "kilometers_ondersteuner_export": {
        "eigen": _rollen(BELEID, 200, 403),
        "vreemd": _rollen(BELEID, 404, 403),
    },
    # Issue 21: a supporter marks their planned visit of a day done (or undoes it) from the day sheet, at a
    # school of their LSC (another LSC's school is not found); back to the day sheet, also when refused.
    **{
        naam: {
            "methode": "post",
            "eigen": _status(403, ondersteuner=302),
            "vreemd": _status(403, ondersteuner=404),
        }
        for naam in ("bezoek_gedaan", "bezoek_niet_gedaan")
    },
    # The school's own requests (issue 19): its care staff submit and follow them at their own school (another
    # school is not found), every other role is refused; the attachment goes to whoever reads the request.
    "school_aanvragen": {"eigen": _status(403, zorg=200), "vreemd": _status(403, zorg=404)},
    "aanvraag_nieuw": {
        "methoden": ["get", "post"],
        "eigen": _status(403, zorg=200),
        "vreemd": _status(403, zorg=404),
    },
    "aanvraag_bijlage": {"eigen": _status(200, clb=404, admin=404), "vreemd": _status(404)},
    # ---- The school's dossier (issue 19): whoever may open the school opens its dossier, each role
    # seeing its own sections; "Mijn school" sends care staff of one school there, everyone else to the list.
    "school_dossier": {"eigen": _status(200), "vreemd": _status(404, admin=200)},
    "school_mijn": {"eigen": _status(302)},
    # ---- end of the dossier's block
    # Issue 19: the afstemmingsgesprek and concerns about a supporter. Care staff ask and report for their own
    # school (another school is not found, other roles are refused); the world's own request is seen by the
    # LSC's coordination, the coach, the anchor and the school, and planned and closed by the coordination and
    # the anchor (empty forms: refused on the page, or back to the request). A concern is found only by its
    # sender and its recipient (the anchor), who alone acts on it. The closing answers' summary is the
    # coordination's and the team coach's.
    "afstemming_lijst": {"eigen": _status(200, admin=403)},
    "afstemming_vragen": {
        "methoden": ["get", "post"],
        "eigen": _status(403, zorg=200),
        "vreemd": _status(403, zorg=404),
    },
    "afstemming_detail": {
        "eigen": _rollen({*LSC_LEZERS, Rol.ZORG}, 200, 404),
        "vreemd": _status(404),
    },
    "afstemming_plannen": {
        "methoden": ["get", "post"],
        "eigen": _rollen(OVERLEGMAKERS, 200, 404),
        "vreemd": _status(404),
    },
    "afstemming_afsluiten": {
        "methode": "post",
        "eigen": _rollen(OVERLEGMAKERS, 302, 404),
        "vreemd": _status(404),
    },
    "zorg_melden": {
        "methoden": ["get", "post"],
        "eigen": _status(403, zorg=200),
        "vreemd": _status(403, zorg=404),
    },
    "zorgen_lijst": {"eigen": _status(200, clb=403, admin=403)},
    "bezorgdheid_detail": {
        "eigen": _status(404, zorg=200, ondersteuner=200),
        "vreemd": _status(404),
    },
    "bezorgdheid_afhandelen": {
        "methode": "post",
        "eigen": _status(404, ondersteuner=200),
        "vreemd": _status(404),
    },
    "afsluit_samenvatting": {"eigen": _rollen({*BELEID, Rol.TEAMCOACH}, 200, 403)},
    "afsluit_samenvatting_export": {"eigen": _rollen({*BELEID, Rol.TEAMCOACH}, 200, 403)},
    # --- issue 20 part 2: the policy team's pictures (a coach sees their own regio teams only)
    "beleid_beelden": {"eigen": _rollen({*BELEID, Rol.TEAMCOACH}, 200, 403)},
    # Last: for the roles that may, this removes the anchor, which hides the school from the anchor.
    "anker_verwijderen": {
        "methode": "post",
        "eigen": _rollen({*BELEID, Rol.TEAMCOACH}, 302, 403),
        "vreemd": _status(404, admin=403),
    },
}


# The team (issue 20, part 4): the policy team and team coaches read the staff list; a coach only their own
# regio teams' supporters (another's is not found); only the policy team records changes and a leaver's step.
# Empty POSTs change nothing: the changes page asks which form, the leaving step needs a date.
_TEAMLEZERS = {*BELEID, Rol.TEAMCOACH}
ROLTABEL.update(
    {
        "team_lijst": {"eigen": _rollen(_TEAMLEZERS, 200, 403)},
        "team_export": {"eigen": _rollen(_TEAMLEZERS, 200, 403)},
        # Its POST (coach 403, policy team 200): tests/honingraat/test_team.py (one status per role here).
        "team_ondersteuner": {
            "eigen": _rollen(_TEAMLEZERS, 200, 403),
            "vreemd": _rollen(_TEAMLEZERS, 404, 403),
        },
        "team_vertrek": {
            "methoden": ["get", "post"],
            "eigen": _rollen(BELEID, 200, 403),
            "vreemd": _rollen(_TEAMLEZERS, 404, 403),
        },
    }
)
TEAM_URLS = {"team_ondersteuner", "team_vertrek", "kilometers_ondersteuner", "kilometers_ondersteuner_export"}

# --- issue 20 part 6: the header's search. Everyone may search; what each finds is scoped as its pages
# (tests/honingraat/test_zoeken.py opens every result as the searcher). An empty POST finds nothing.
ROLTABEL.update({"zoeken": {"methoden": ["get", "post"], "eigen": _status(200)}})

# --- issue 20 part 5: the yearly report. Only the policy team of an LSC; an empty POST starts nothing (it
# needs a year: the current one is taken) and asks first only when a report exists. The download of a year
# without a report is not found.
ROLTABEL.update(
    {
        "jaarverslag": {"eigen": _rollen(BELEID, 200, 403)},
        "jaarverslag_bestand": {"eigen": _rollen(BELEID, 404, 403)},
    }
)


# --- issue 20 part 4: professional development (trainings, growth focus, coaching moments) -----------------
# Trainings: the LSC's own people read them (others 403, another LSC's 404); the policy team keeps them and
# supporters register themselves (an empty POST of the policy team names nobody: back with a message).
# Growth focus and coaching: the supporter, their coach and the policy team; another coach or LSC 404.
# The POSTs of attendance, growth focus and coaching, the GET of cancelling: tests/honingraat/test_vorming.py.
_LSC_404 = _rollen(LSC_LEZERS, 404, 403)
ROLTABEL.update(
    {
        "vorming_lijst": {"eigen": _rollen(LSC_LEZERS, 200, 403)},
        "vorming_nieuw": {"methoden": ["get", "post"], "eigen": _rollen(BELEID, 200, 403)},
        "vorming_detail": {"eigen": _rollen(LSC_LEZERS, 200, 403), "vreemd": _LSC_404},
        "vorming_bewerken": {
            "methoden": ["get", "post"],
            "eigen": _rollen(BELEID, 200, 403),
            "vreemd": _LSC_404,
        },
        "vorming_inschrijven": {
            "methode": "post",
            "eigen": _rollen({*BELEID, Rol.ONDERSTEUNER}, 302, 403),
            "vreemd": _LSC_404,
        },
        "vorming_uitschrijven": {
            "methode": "post",
            "eigen": _rollen({*BELEID, Rol.ONDERSTEUNER}, 302, 403),
            "vreemd": _LSC_404,
        },
        "vorming_aanwezigheid": {"eigen": _rollen(BELEID, 200, 403), "vreemd": _LSC_404},
        "vorming_export": {"eigen": _rollen(BELEID, 200, 403), "vreemd": _LSC_404},
        "groeifocus": {"eigen": _rollen(LSC_LEZERS, 200, 403), "vreemd": _LSC_404},
        "coaching_lijst": {"eigen": _rollen(LSC_LEZERS, 200, 403), "vreemd": _LSC_404},
        "coaching_detail": {"eigen": _rollen(LSC_LEZERS, 200, 403), "vreemd": _LSC_404},
        # Last of the block: it cancels the world's training.
        "vorming_annuleren": {"methode": "post", "eigen": _rollen(BELEID, 302, 403), "vreemd": _LSC_404},
    }
)
VORMING_URLS = {n for n in ROLTABEL if n.startswith("vorming_")}


def vorming_kwargs(naam: str, eigen: bool, wereld) -> dict:
    """The world's training and coaching moment, made on first use: one of the own LSC, one of the other."""
    ondersteuner = wereld.anker if eigen else wereld.vreemde_ondersteuner
    if naam in {"groeifocus", "coaching_lijst"}:
        return {"pk": ondersteuner.pk}
    if naam == "coaching_detail":
        if eigen:
            coach = wereld.gebruikers[Rol.TEAMCOACH]
        else:
            coach, _ = Gebruiker.objects.get_or_create(
                email="coach-ander@proef.example",
                defaults={"naam": "Coach Ander", "rol": Rol.TEAMCOACH, "lsc": ondersteuner.lsc},
            )
        moment, _ = Coachingsmoment.objects.get_or_create(
            ondersteuner=ondersteuner,
            coach=coach,
            defaults={"datum": timezone.localdate(), "onderwerp": "Roltabel", "notities": "Geheim"},
        )
        return {"pk": moment.pk}
    vorming, nieuw = Vorming.objects.get_or_create(
        lsc=ondersteuner.lsc, titel="Roltabel", defaults={"soort": Vorming.Soort.COMMUNICATIE}
    )
    if nieuw:
        vorming.sessies.create(
            datum=timezone.localdate() + dt.timedelta(days=14),
            van=dt.time(13),
            tot=dt.time(16),
            plaats="Gent",
        )
    return {"pk": vorming.pk, **({"formaat": "csv"} if naam == "vorming_export" else {})}


VORMING_KWARG_URLS = (VORMING_URLS - {"vorming_lijst", "vorming_nieuw"}) | {
    "groeifocus",
    "coaching_lijst",
    "coaching_detail",
}


def url_kwargs(naam: str, variant: str, wereld, rol: Rol | None = None) -> dict:
    """`rol`: whose own object a per-person URL points at (a notification); the anchor's when not given."""
    eigen = variant == "eigen"
    if naam in VORMING_KWARG_URLS:
        return vorming_kwargs(naam, eigen, wereld)
    if naam == "melding_openen":
        eigenaar = (
            wereld.gebruikers[rol or Rol.ONDERSTEUNER] if eigen else wereld.vreemde_ondersteuner.gebruiker
        )
        return {"pk": _melding_van(eigenaar).pk}
    school = wereld.eigen_school if eigen else wereld.vreemde_school
    if naam == "weekplan_afwezigheid_verwijderen":
        ondersteuner = wereld.anker if eigen else wereld.vreemde_ondersteuner
        afwezigheid, _nieuw = Afwezigheid.objects.get_or_create(
            ondersteuner=ondersteuner, van=dt.date(2099, 1, 5), tot=dt.date(2099, 1, 9), soort="verlof"
        )
        return {"pk": afwezigheid.pk}
    if naam in {"afstemming_detail", "afstemming_plannen", "afstemming_afsluiten"}:
        return {"pk": (wereld.eigen_afstemming if eigen else wereld.vreemde_afstemming).pk}
    if naam in {"bezorgdheid_detail", "bezorgdheid_afhandelen"}:
        return {"pk": (wereld.eigen_bezorgdheid if eigen else wereld.vreemde_bezorgdheid).pk}
    if naam.startswith("weekplan_") and naam not in {
        "weekplan_overzicht",
        "weekplan_voorstellen",
        "weekplan_teams",
        "weekplan_kalender",
        "weekplan_afwezigheid",
        "weekplan_afwezigheid_verwijderen",
    }:
        plan = wereld.eigen_weekplan if eigen else wereld.vreemd_weekplan
        return {"pk": plan.regels.first().pk if naam.startswith("weekplan_regel") else plan.pk}
    if naam.startswith(("overleg_", "afspraak_", "sjabloon_")) and naam != "overleg_overzicht":
        return overleg_kwargs(naam, eigen, wereld)
    if naam.startswith("leerling_"):
        return {"pk": (wereld.eigen_traject if eigen else wereld.vreemd_traject).leerling_id}
    if naam == "wisverzoek_beslissen":
        return {"pk": (wereld.eigen_wisverzoek if eigen else wereld.vreemd_wisverzoek).pk}
    if naam == "voorstel_beslissen":
        return {"pk": (wereld.eigen_voorstel if eigen else wereld.vreemd_voorstel).pk}
    if naam in {"clb_bewerken", "clb_samenvoegen"}:
        return {"pk": (wereld.clb if eigen else wereld.vreemde_school.clb).pk}
    if naam.startswith(("focusvraag_", "focusdeel_")) and naam != "focusvraag_lijst":
        return {"pk": (wereld.eigen_focusvraag if eigen else wereld.vreemde_focusvraag).pk}
    if naam in {"collegavraag_detail", "collegavraag_antwoord"}:
        return {"pk": (wereld.eigen_collegavraag if eigen else wereld.vreemde_collegavraag).pk}
    if naam == "aanvraag_bijlage":
        return {"pk": (wereld.eigen_traject if eigen else wereld.vreemd_traject).pk}
    if naam in {"traject_logboek_wijzigen", "traject_logboek_verwijderen"}:
        regel = wereld.eigen_logboekregel if eigen else wereld.vreemde_logboekregel
        return {"pk": regel.traject_id, "regel": regel.pk}
    if naam == "jaarverslag_bestand":
        return {"jaar": "2026", "formaat": "pdf"}
    waarden = {
        "pk": (wereld.eigen_verdeling if eigen else wereld.vreemde_verdeling).pk
        if naam == "capaciteit_export"
        else (wereld.eigen_traject if eigen else wereld.vreemd_traject).pk
        if naam.startswith("traject_")
        else {
            "regioteam_detail": (wereld.regioteam if eigen else wereld.vreemd_regioteam).pk,
            "ondersteuner_detail": (wereld.anker if eigen else wereld.vreemde_ondersteuner).pk,
            **dict.fromkeys(TEAM_URLS, (wereld.anker if eigen else wereld.vreemde_ondersteuner).pk),
        }.get(naam, school.pk),
        "anker_pk": school.ankers.values_list("pk", flat=True).first() or 0,
        "formaat": "xlsx" if naam == "capaciteit_export" else "csv",
        "school_pk": school.pk,
        "soort": "scholen",
        "sleutel": "00000000-0000-0000-0000-000000000000" if eigen else wereld.vreemd_importbestand.sleutel,
    }
    route = next(r for r, n in ALLE_PATRONEN if n == naam)
    return {
        sleutel: waarde
        for sleutel, waarde in waarden.items()
        if f"<{sleutel}>" in route or f":{sleutel}>" in route
    }


def _melding_van(gebruiker) -> Melding:
    melding, _ = Melding.objects.get_or_create(
        ontvanger=gebruiker,
        soort=Meldingsoort.EVALUATIE_VERVALT,
        sleutel="roltabel",
        defaults={"titel": "Traject 1: de evaluatie is aan de beurt", "url": "/"},
    )
    return melding


def overleg_kwargs(naam: str, eigen: bool, wereld) -> dict:
    overleg = wereld.eigen_overleg if eigen else wereld.vreemd_overleg
    waarden = {
        "pk": (
            overleg.batch.pk
            if naam.startswith("overleg_batch")
            else overleg.afspraken.get().pk
            if naam.startswith("afspraak_")
            else overleg.pk
        ),
        "school_pk": overleg.school_id,
        "soort": "verslag" if naam == "overleg_document" else "leidraad",
        "onderdeel": "prioriteiten",
        "versie": 0,
    }
    route = next(r for r, n in ALLE_PATRONEN if n == naam)
    return {k: v for k, v in waarden.items() if f"<{k}>" in route or f":{k}>" in route}


BEHEER_PREFIX = "beheer/"


def patronen(resolver=None, prefix="", namespace=None):
    resolver = resolver or get_resolver()
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            ns = ":".join(filter(None, [namespace, patroon.namespace])) or None
            yield from patronen(patroon, prefix + str(patroon.pattern), ns)
        elif isinstance(patroon, URLPattern):
            naam = patroon.name and ":".join(filter(None, [namespace, patroon.name]))
            yield prefix + str(patroon.pattern), naam


ALLE_PATRONEN = list(patronen())
