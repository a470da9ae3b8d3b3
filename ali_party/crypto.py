"""Encryption at rest of personal data (ID numbers, phones) and a lookup hash to find rows by it.

Cipher: **AES-256-GCM** (from the `cryptography` package, which wraps OpenSSL).

Why this cipher:
- It is *authenticated* encryption (AEAD): a stored value that was altered, truncated, swapped
  into another column or decrypted with the wrong key is refused (InvalidTag), never silently
  turned into a wrong ID number. CBC or CTR alone would need a separate MAC to give that.
- A random 96-bit nonce per value makes equal ID numbers encrypt to different ciphertexts, so the
  column reveals neither values nor which rows share one. 96 bits is GCM's native nonce size; with
  random nonces one key stays safe far beyond this system's volume (NIST SP 800-38D's 2^32
  encryptions per key; the region has tens of thousands of people).
- AES is the cipher every assessor knows; it runs in hardware (AES-NI) on the servers, and
  AES-256 leaves margin. (Where 国密 is required, SM4-GCM can be added as another key id / token
  prefix without changing the model fields: the format below carries a version and a key id.)
- The column and key id are bound to each value as associated data (AAD = "<purpose>|<key id>"),
  so a ciphertext copied from the phone column into the ID-number column does not decrypt.

Token stored in the column (ASCII, about 70 characters for an 18-character ID number):

    aesgcm1$<key id>$<base64url(nonce(12) || ciphertext || tag(16))>

Lookup hash ("blind index"): HMAC-SHA256 with a *separate* key over the normalized value (NFKC,
whitespace removed, upper case — the same normalization as cadres.validators.normalize_id_number),
hex encoded, stored in an indexed UNIQUE column: exact search and uniqueness work without
decrypting anything; partial search (prefix, "contains") is impossible by design. The HMAC key is
separate from the encryption key so the hash column plus the encryption key alone, or the
ciphertext plus the hash key alone, give nothing.

Keys (settings, from the environment in production):
- FIELD_ENCRYPTION_KEY = "<key id>:<base64 of 32 random bytes>" — encrypts new values.
- FIELD_ENCRYPTION_OLD_KEYS = ["<key id>:<base64>", ...] — still decrypt older values.
- FIELD_LOOKUP_KEY = "<base64 of 32 random bytes>" — the HMAC key of the lookup hash.

Key rotation: put the new key in FIELD_ENCRYPTION_KEY with a new key id, move the old one to
FIELD_ENCRYPTION_OLD_KEYS, run `manage.py reencrypt_personal_data`, then drop the old key.
Generate a key with `python -c "import base64,os;print(base64.b64encode(os.urandom(32)).decode())"`.
"""
from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import os
import re
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models import Lookup

TOKEN_VERSION = "aesgcm1"
NONCE_BYTES = 12
KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


class DecryptionError(ValueError):
    """A stored value could not be decrypted: wrong or missing key, or an altered value.
    The message never contains the value."""


# ---------------------------------------------------------------- keys

def _decode_key(text: str, what: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{what} is not valid base64.") from None
    if len(key) != 32:
        raise ImproperlyConfigured(f"{what} must be 32 bytes (AES-256 / HMAC-SHA256), got {len(key)}.")
    return key


def _parse_key(spec: str, what: str) -> tuple[str, bytes]:
    key_id, sep, material = (spec or "").strip().partition(":")
    if not sep or not KEY_ID_PATTERN.match(key_id):
        raise ImproperlyConfigured(f"{what} must look like '<key id>:<base64 of 32 bytes>'.")
    return key_id, _decode_key(material, what)


def _setting(name: str) -> str:
    """Keys come from settings only (base.py reads them from the environment); no built-in key."""
    return getattr(settings, name, "") or ""


@functools.lru_cache(maxsize=8)
def _keyring_for(current: str, old: tuple[str, ...]) -> tuple[str, dict[str, AESGCM]]:
    if not current:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not set: personal data cannot be encrypted.")
    current_id, current_key = _parse_key(current, "FIELD_ENCRYPTION_KEY")
    ring = {current_id: AESGCM(current_key)}
    for spec in old:
        key_id, key = _parse_key(spec, "FIELD_ENCRYPTION_OLD_KEYS")
        ring.setdefault(key_id, AESGCM(key))
    return current_id, ring


def _keyring() -> tuple[str, dict[str, AESGCM]]:
    old = getattr(settings, "FIELD_ENCRYPTION_OLD_KEYS", ()) or ()
    if isinstance(old, str):
        old = [k for k in old.split(",") if k.strip()]
    return _keyring_for(_setting("FIELD_ENCRYPTION_KEY"), tuple(old))


@functools.lru_cache(maxsize=8)
def _lookup_key_for(text: str) -> bytes:
    if not text:
        raise ImproperlyConfigured("FIELD_LOOKUP_KEY is not set: the ID-number lookup hash cannot be computed.")
    return _decode_key(text, "FIELD_LOOKUP_KEY")


def current_key_id() -> str:
    return _keyring()[0]


def check_encryption_key() -> None:
    """Raise ImproperlyConfigured unless FIELD_ENCRYPTION_KEY (and the old keys) are well formed."""
    _keyring()


def check_lookup_key() -> None:
    """Raise ImproperlyConfigured unless FIELD_LOOKUP_KEY is present and well formed."""
    _lookup_key_for(_setting("FIELD_LOOKUP_KEY"))


def check_keys() -> None:
    """Raise ImproperlyConfigured unless the keys are present and well formed (for start-up checks)."""
    check_encryption_key()
    check_lookup_key()


# ---------------------------------------------------------------- encrypt / decrypt / hash

def _aad(purpose: str, key_id: str) -> bytes:
    return f"{purpose}|{key_id}".encode()


def encrypt(plaintext: str, *, purpose: str) -> str:
    """AES-256-GCM with the current key and a fresh random nonce; returns the token text."""
    key_id, ring = _keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring[key_id].encrypt(nonce, plaintext.encode("utf-8"), _aad(purpose, key_id))
    return f"{TOKEN_VERSION}${key_id}${base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def is_token(value) -> bool:
    return isinstance(value, str) and value.startswith(TOKEN_VERSION + "$")


def token_key_id(token: str) -> str:
    """The key id a token was encrypted with (for rotation)."""
    parts = token.split("$")
    if len(parts) != 3 or parts[0] != TOKEN_VERSION:
        raise DecryptionError("Not an encrypted value.")
    return parts[1]


def decrypt(token: str, *, purpose: str) -> str:
    parts = token.split("$") if isinstance(token, str) else []
    if len(parts) != 3 or parts[0] != TOKEN_VERSION:
        raise DecryptionError("Stored value is not an encrypted value of this system.")
    _version, key_id, body = parts
    ring = _keyring()[1]
    if key_id not in ring:
        raise DecryptionError(f"No key with id {key_id!r} is configured (FIELD_ENCRYPTION_OLD_KEYS?).")
    try:
        raw = base64.urlsafe_b64decode(body.encode("ascii"))
        plaintext = ring[key_id].decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(purpose, key_id))
    except (InvalidTag, binascii.Error, ValueError):
        raise DecryptionError(f"Value encrypted with key {key_id!r} failed authentication "
                              "(wrong key or altered value).") from None
    return plaintext.decode("utf-8")


def normalize_for_lookup(value: str) -> str:
    """NFKC (full-width digits to half-width), whitespace removed, upper case."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def lookup_hash(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 (hex) of the normalized value under FIELD_LOOKUP_KEY, separated by purpose."""
    key = _lookup_key_for(_setting("FIELD_LOOKUP_KEY"))
    message = purpose.encode() + b"\x00" + normalize_for_lookup(value).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- model fields

class _RefusedLookup(Lookup):
    """Any lookup on an encrypted column: ciphertexts are randomized, so it could never match."""

    def __init__(self, lhs, rhs):
        raise FieldError(
            f"The column {lhs.target.name!r} is encrypted and cannot be searched directly. Use its "
            "lookup-hash helper instead (e.g. PartyMember.objects.with_id_number(...)).")


class EncryptedCharField(models.CharField):
    """A CharField whose value is AES-256-GCM encrypted in the database (a TEXT column).

    In Python the attribute holds the plaintext; `max_length` limits the plaintext (forms and
    full_clean); the column holds the token. The empty string is stored as the empty string.
    Only `isnull` can be queried; search through a LookupHashField.
    """

    def __init__(self, *args, purpose: str = "", **kwargs):
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        if not self.purpose:
            self.purpose = name

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.purpose and self.purpose != name:
            kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def db_type(self, connection):
        return connection.data_types["TextField"] % {}

    def cast_db_type(self, connection):
        return self.db_type(connection)

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value, purpose=self.purpose)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if value is None or value == "":
            return value
        return encrypt(str(value), purpose=self.purpose)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return _RefusedLookup


class LookupHashField(models.CharField):
    """HMAC-SHA256 lookup hash of another field of the same model, kept in step on every save and
    bulk_create (pre_save). Give it unique=True for uniqueness and an index for exact search.
    (bulk_update and QuerySet.update() do not call pre_save: set it with `lookup_hash` there.)"""

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if kwargs.get("max_length") == 64:
            del kwargs["max_length"]
        if kwargs.get("editable") is False:
            del kwargs["editable"]
        return name, path, args, kwargs

    def hash_of(self, value) -> str | None:
        return lookup_hash(value, purpose=self.source) if value else None

    def pre_save(self, model_instance, add):
        value = self.hash_of(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value
