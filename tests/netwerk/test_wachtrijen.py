"""Tasks are routed to a queue per kind of work, and the names in the routing table are real tasks."""

from django.conf import settings

from honingraat.celery import SOORT_VAN_TAAK, alle_wachtrijen, app


def _wachtrij(taak: str) -> str:
    return app.amqp.router.route({}, taak)["queue"].name


def test_elke_soort_werk_gaat_naar_zijn_eigen_wachtrij():
    basis = app.conf.task_default_queue
    assert _wachtrij("overleg.tasks.verstuur_wachtende") == f"{basis}.mail"
    assert _wachtrij("netwerk.tasks.stuur_uitnodiging") == f"{basis}.mail"
    assert _wachtrij("overleg.tasks.maak_document") == f"{basis}.pdf"
    assert _wachtrij("capaciteit.tasks.los_weekplan_op") == f"{basis}.planner"
    assert _wachtrij("netwerk.tasks.hartslag") == basis


def test_de_routering_noemt_enkel_bestaande_taken_en_soorten():
    app.loader.import_default_modules()
    assert set(SOORT_VAN_TAAK) <= set(app.tasks)
    assert set(SOORT_VAN_TAAK.values()) == set(settings.HONINGRAAT_WACHTRIJSOORTEN)


def test_een_worker_zonder_q_luistert_naar_alle_wachtrijen():
    basis = settings.CELERY_TASK_DEFAULT_QUEUE
    assert [q.name for q in settings.CELERY_TASK_QUEUES] == alle_wachtrijen(basis).split(",")
    assert alle_wachtrijen("celery") == "celery,celery.mail,celery.pdf,celery.planner"
