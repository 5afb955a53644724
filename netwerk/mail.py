"""A mail backend that writes each message as its own .eml file: `make run` keeps its mail in var/mail."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlBackend(BaseEmailBackend):
    def __init__(self, *args, file_path: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.map = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages) -> int:
        self.map.mkdir(parents=True, exist_ok=True)
        verstuurd = 0
        for bericht in email_messages:
            naam = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            tijdelijk = self.map / f".{naam}.tmp"
            tijdelijk.write_bytes(bericht.message().as_bytes(linesep="\r\n"))
            tijdelijk.rename(self.map / naam)
            verstuurd += 1
        return verstuurd
