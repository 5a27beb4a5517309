"""Facilitator keys, participant tokens and join codes: how they are made, hashed and checked.

The facilitator key and the participant tokens are shown once and stored only as SHA-256
hashes. They are 192-bit random strings, so an unsalted hash is as strong as a slow one.
A join code is no secret (it is on the projector) but cannot be guessed by trying either.
"""

import hashlib
import hmac
import secrets
from typing import Any

JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off a projector
JOIN_CODE_LENGTH = 8  # 31**8, about 8.5e11 codes: not guessable by trying
SECRET_BYTES = 24  # facilitator keys and participant tokens: 192 bits, 32 URL-safe characters
MAX_SECRET_CHARS = 64  # a key or token longer than this (or not URL-safe) was never issued
SECRET_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def new_secret() -> str:
    """Return a new facilitator key or participant token (URL-safe, `SECRET_BYTES` random)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def random_join_code() -> str:
    """Return a random join code (the caller makes sure no room uses it yet)."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def is_secret(value: Any) -> bool:
    """Whether ``value`` looks like a key or token this store issues (URL-safe, not too long).

    Anything else cannot match a stored hash: it is refused without hashing (a lone surrogate
    has no UTF-8 bytes to hash) and without a query.
    """
    return (
        isinstance(value, str)
        and 1 <= len(value) <= MAX_SECRET_CHARS
        and set(value) <= SECRET_ALPHABET
    )


def digest(secret: str) -> str:
    """The SHA-256 hash (hex) stored in place of ``secret``."""
    return hashlib.sha256(secret.encode()).hexdigest()


def matches_hash(value: Any, stored_hash: str) -> bool:
    """Whether ``value`` is a secret whose hash is ``stored_hash`` (compared in constant time)."""
    return is_secret(value) and hmac.compare_digest(digest(value), stored_hash)
