"""Container health check: asks the web process for /gezondheid/ as the proxy in front of it would."""

import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost"
verzoek = urllib.request.Request(
    "http://127.0.0.1:8000/gezondheid/", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(verzoek, timeout=5) as antwoord:  # noqa: S310 - fixed loopback URL
        sys.exit(0 if antwoord.status == 200 else 1)
except OSError as fout:
    print(f"ongezond: {fout}", file=sys.stderr)
    sys.exit(1)
