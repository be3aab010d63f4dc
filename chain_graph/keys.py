"""API keys: create, list, revoke and authenticate, with only a salted hash kept in the store.

A key reads ``cgk_<key_id>_<secret>``: ``key_id`` (12 hex digits) names the stored
:class:`~chain_graph.models.ApiKey` record, ``secret`` is 32 random bytes, URL-safe base64.
The record keeps ``sha256$<salt>$<hmac-sha256(salt, secret)>``, never the secret.

Why a fast hash and not bcrypt/scrypt: a slow hash protects *low-entropy* secrets (passwords)
against guessing. These secrets carry 256 random bits, which no amount of guessing reaches,
so one HMAC-SHA256 is as safe here and keeps the check per request in microseconds — the
API authenticates every request and aims at ≥ 500 requests per second. The salt makes equal
secrets hash differently; the comparison is constant-time (:func:`hmac.compare_digest`).

:class:`KeyCache` remembers recent answers of :func:`authenticate` (see its docstring for
when a revoke takes effect).

Examples
--------
>>> import tempfile
>>> from chain_graph.store import EmbeddedStore
>>> store = EmbeddedStore(tempfile.mkdtemp())
>>> record, plaintext = create_key(store, role="planner", name="招商科")
>>> authenticate(store, plaintext).role
<KeyRole.PLANNER: 'planner'>
>>> authenticate(store, plaintext + "x") is None
True
>>> revoke_key(store, record.key_id).revoked_at is not None
True
>>> authenticate(store, plaintext) is None
True
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import OrderedDict

from pydantic import ValidationError

from chain_graph.errors import InvalidInput
from chain_graph.models import ApiKey, KeyRole, Kind
from chain_graph.store.base import Page, Store

__all__ = [
    "KEY_PREFIX",
    "KeyCache",
    "authenticate",
    "create_key",
    "get_key",
    "hash_secret",
    "list_keys",
    "revoke_key",
    "role_allows",
]

KEY_PREFIX = "cgk_"
_KEY_FORMAT = re.compile(r"^cgk_([0-9a-f]{12})_([A-Za-z0-9_\-]{43})$")
_ROLE_ORDER = {KeyRole.VIEWER: 0, KeyRole.PLANNER: 1, KeyRole.ADMIN: 2}


def role_allows(role: KeyRole | str, needed: KeyRole | str) -> bool:
    """True when ``role`` is at least ``needed`` (viewer < planner < admin).

    >>> role_allows("admin", "planner"), role_allows("viewer", "planner")
    (True, False)
    """
    return _ROLE_ORDER[KeyRole(role)] >= _ROLE_ORDER[KeyRole(needed)]


def hash_secret(secret: str, salt: str | None = None) -> str:
    """``sha256$<salt>$<hex hmac-sha256(salt, secret)>``, with a fresh salt unless given."""
    salt = salt if salt is not None else secrets.token_hex(16)
    digest = hmac.new(salt.encode(), secret.encode(), hashlib.sha256).hexdigest()
    return f"sha256${salt}${digest}"


def _matches(stored: str, secret: str) -> bool:
    scheme, _, rest = stored.partition("$")
    salt, _, _ = rest.partition("$")
    if scheme != "sha256" or not salt:
        return False
    return hmac.compare_digest(hash_secret(secret, salt).encode(), stored.encode())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def create_key(store: Store, *, role: KeyRole | str, name: str | None = None) -> tuple[ApiKey, str]:
    """Store a new key and return its record and the plaintext key (shown once, never kept)."""
    try:
        role = KeyRole(role)
    except ValueError as e:
        roles = ", ".join(r.value for r in KeyRole)
        raise InvalidInput(f"role: {role!r} is not a key role ({roles})", field="role") from e
    key_id = secrets.token_hex(6)
    while store.find(Kind.API_KEY, key_id) is not None:  # 48 random bits: a clash is a curiosity
        key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    try:
        record = ApiKey(key_id=key_id, name=name, role=role, hash=hash_secret(secret), created_at=_now())
    except ValidationError as e:  # a name too long or blank-only after stripping
        raise InvalidInput(f"name: {e.errors(include_url=False)[0]['msg']}", field="name") from e
    store.upsert(record)
    return record, f"{KEY_PREFIX}{key_id}_{secret}"


def get_key(store: Store, key_id: str) -> ApiKey:
    """The key record, or NotFound."""
    return store.get(Kind.API_KEY, key_id)  # type: ignore[return-value]


def list_keys(store: Store, *, offset: int = 0, limit: int | None = None) -> Page:
    """Every key record (revoked ones included), by key id."""
    return store.list(Kind.API_KEY, offset=offset, limit=limit)


def revoke_key(store: Store, key_id: str) -> ApiKey:
    """Mark the key revoked (from now on it authenticates nothing); revoking twice is harmless."""
    record = get_key(store, key_id)
    if record.revoked_at is not None:
        return record
    revoked = record.model_copy(update={"revoked_at": _now()})
    store.upsert(revoked)
    return revoked


def authenticate(store: Store, presented: str | None) -> ApiKey | None:
    """The live key record that ``presented`` is the plaintext of, or None."""
    found = _KEY_FORMAT.match(presented or "")
    if found is None:
        return None
    key_id, secret = found.groups()
    record = store.find(Kind.API_KEY, key_id)
    if not isinstance(record, ApiKey) or record.revoked_at is not None:
        return None
    return record if _matches(record.hash, secret) else None


class KeyCache:
    """Recent :func:`authenticate` answers, so a request costs a dict look-up, not a store read.

    An answer is reused only while the store's :meth:`~Store.revision` is the one it was
    computed at, and for at most ``ttl`` seconds. On both stores every write (a revoke
    included, by any process on the same data) changes the revision, so a revoke takes effect
    on the very next request. A store that cannot tell (a revision of None) would have its
    answers live ``unknown_revision_ttl`` seconds (5 by default). Entries are keyed by a
    SHA-256 of the presented key, never the key itself; the least recently used are dropped
    past ``size``.
    """

    def __init__(self, *, ttl: float = 60.0, unknown_revision_ttl: float = 5.0, size: int = 1024) -> None:
        self.ttl = ttl
        self.unknown_revision_ttl = unknown_revision_ttl
        self.size = size
        self._entries: OrderedDict[bytes, tuple[int | None, float, ApiKey | None]] = OrderedDict()
        self._lock = threading.Lock()

    def authenticate(self, store: Store, presented: str | None, revision: int | None = None) -> ApiKey | None:
        """The key presented, or None; ``revision``: the store's, when the caller read it already."""
        if not presented:
            return None
        digest = hashlib.sha256(presented.encode("utf-8", "surrogatepass")).digest()
        revision = store.revision() if revision is None else revision
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(digest)
            if hit is not None and hit[0] == revision and hit[1] > now:
                self._entries.move_to_end(digest)
                return hit[2]
        answer = authenticate(store, presented)
        ttl = self.ttl if revision is not None else self.unknown_revision_ttl
        with self._lock:
            self._entries[digest] = (revision, now + ttl, answer)
            self._entries.move_to_end(digest)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return answer

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
