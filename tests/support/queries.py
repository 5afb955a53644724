"""What a page costs in queries, on the real PostgreSQL."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def aantal_queries(client, url: str, **kwargs) -> int:
    """The queries one GET of a page costs, on the real PostgreSQL; the page must answer 200."""

    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url, **kwargs)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return len(vastgelegd)
