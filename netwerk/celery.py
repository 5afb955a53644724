"""The Celery app. Tasks stay thin: ids in, a service call, nothing else."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerk.settings")

app = Celery("honingraat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
