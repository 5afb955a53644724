"""The secret in a link that opens something without a login: a supporter's calendar feed, the school's
closing questions.

Only its SHA-256 is stored, so a copy of the database or a look at a table opens nothing; the key itself
exists only in the link the user gets once. A plain hash is enough for 256 random bits (nothing to
guess), and hashing what the URL brings before it goes near the database means no input, a NUL byte
neither, ever reaches a query as text.
"""

import hashlib
import secrets


def nieuwe_linksleutel() -> tuple[str, str]:
    """A new key and its hash: the key goes in the link, the hash in the database."""
    sleutel = secrets.token_urlsafe(32)
    return sleutel, linksleutel_hash(sleutel)


def linksleutel_hash(sleutel: str) -> str:
    # surrogatepass: any text a URL can bring hashes, also one that is no valid UTF-8.
    return hashlib.sha256(sleutel.encode("utf-8", "surrogatepass")).hexdigest()
