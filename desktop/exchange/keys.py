"""An office's keys, kept in its data folder and protected by a passphrase:

- an Ed25519 signing key in minisign's own format (`minisign -S -s ky-so.key` can use it),
- an age (X25519) identity, for the upper level to decrypt what communes send it, stored encrypted
  with the same passphrase: scrypt (N = 2^18, r = 8, p = 1) and ChaCha20-Poly1305 (`giai-ma.khoa`).
  age's own passphrase files use work factor 19 (512 MiB of memory, 1.4 s here): unlocking them took a
  receive to 610 MB, too much beside everything else on a 4 GB office PC. 2^18 needs 256 MiB and about
  0.7 s, above OWASP's floor for scrypt (2^17, r = 8), and an attacker pays the same per guess. Files
  written before (`giai-ma.age`, which `age -d` opens) are still read, and copied to the new form once.
The public halves are written in the standard tools' formats for the other side to import.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

import minisign
import pyrage
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

SIGN_SECRET = "ky-so.key"
SIGN_PUBLIC = "ky-so.pub"
AGE_IDENTITY = "giai-ma.age"  # before version 0.2: age's own passphrase format
IDENTITY = "giai-ma.khoa"
IDENTITY_FORMAT = "so-cong-dan-hoc-tap/khoa-giai-ma"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**18, 8, 1
AGE_RECIPIENT = "giai-ma.pub"
MIN_PASSPHRASE = 8


class KeyError_(ValueError):  # noqa: N801 - not the built-in KeyError
    """A key that is missing, wrong or unusable; the message is for the clerk."""


@dataclass(frozen=True)
class PublicKeys:
    signing: str        # the minisign public key, base64 (the second line of a .pub file)
    age_recipient: str  # "age1…"

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing)


def fingerprint(signing_public: str) -> str:
    """The key id in groups of four, to read out on the phone or compare with the paper key form."""
    key_id = key_id_of(signing_public)
    return " ".join(key_id[i:i + 4] for i in range(0, 16, 4))


def key_id_of(signing_public: str) -> str:
    raw = _decode_public(signing_public)
    return raw[2:10][::-1].hex().upper()  # minisign shows the id little-endian


def _decode_public(signing_public: str) -> bytes:
    try:
        raw = base64.b64decode(signing_public.strip(), validate=True)
    except ValueError:
        raise KeyError_("Khoá công khai không đúng dạng (base64 của minisign).") from None
    if len(raw) != 42 or raw[:2] != b"Ed":
        raise KeyError_("Khoá công khai không phải khoá ký minisign (Ed25519).")
    return raw


def read_public_file(text: str) -> str:
    """The key line of a minisign .pub file (or the bare line)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    candidates = [line for line in lines if not line.startswith("untrusted comment:")]
    if len(candidates) != 1:
        raise KeyError_("Tệp khoá công khai phải có đúng một dòng khoá (định dạng minisign).")
    _decode_public(candidates[0])
    return candidates[0]


def read_age_recipient(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip() and not line.startswith("#")]
    if len(lines) != 1:
        raise KeyError_("Tệp khoá mã hoá phải có đúng một dòng “age1…”.")
    try:
        pyrage.x25519.Recipient.from_str(lines[0])
    except Exception:  # noqa: BLE001 - pyrage raises its own kinds
        raise KeyError_("Khoá mã hoá không đúng dạng age (age1…).") from None
    return lines[0]


class Signer:
    """An unlocked signing key: signs bytes in minisign's format, and short codes for QR payloads."""

    def __init__(self, secret: minisign.SecretKey) -> None:
        self._secret = secret

    def sign(self, data: bytes, comment: str) -> bytes:
        """The .minisig file for `data` (not prehashed: `minisign -V` checks it as is)."""
        return bytes(self._secret.sign(data, prehash=False, trusted_comment=comment,
                                       untrusted_comment="signature from So Cong dan hoc tap"))  # ASCII only in minisign comments

    def sign_short(self, data: bytes) -> str:
        """The signature line of a minisign signature (key id and Ed25519 signature), base64url."""
        line = self.sign(data, "qr").decode().splitlines()[1]
        return base64.urlsafe_b64encode(base64.b64decode(line)).decode().rstrip("=")


def verify(signing_public: str, data: bytes, signature_file: bytes) -> str:
    """Checks a minisign signature; returns its trusted comment. Raises KeyError_ in Vietnamese."""
    try:
        public = minisign.PublicKey.from_base64(signing_public)
        signature = minisign.Signature.from_bytes(signature_file)
        public.verify(data, signature)
    except minisign.VerifyError:
        raise KeyError_("Chữ ký không khớp: tệp đã bị thay đổi, hoặc do một khoá khác ký.") from None
    except (minisign.ParseError, minisign.Error, ValueError):
        raise KeyError_("Chữ ký hỏng hoặc không đúng định dạng minisign.") from None
    return signature.trusted_comment


def verify_short(signing_public: str, data: bytes, short: str) -> bool:
    raw_key = _decode_public(signing_public)
    try:
        blob = base64.urlsafe_b64decode(short + "=" * (-len(short) % 4))
    except ValueError:
        return False
    if len(blob) != 74 or blob[:2] != b"Ed" or blob[2:10] != raw_key[2:10]:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(raw_key[10:]).verify(blob[10:], data)
    except InvalidSignature:
        return False
    return True


class KeyStore:
    """The key files of one office, in <data folder>/khoa (private to the user)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def exists(self) -> bool:
        return (self.folder / SIGN_SECRET).exists()

    def create(self, passphrase: str) -> PublicKeys:
        if self.exists():
            raise KeyError_("Đơn vị đã có khoá. Thay khoá phải làm rõ ràng (thay khoá), không tạo đè.")
        _check_passphrase(passphrase)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        pair = minisign.KeyPair.generate()
        public_line = pair.public_key.to_base64().decode()
        pair.secret_key.encrypt(passphrase)
        identity = pyrage.x25519.Identity.generate()
        recipient = str(identity.to_public())
        _write_private(self.folder / SIGN_SECRET, bytes(pair.secret_key))
        _write_private(self.folder / IDENTITY, _seal(str(identity), recipient, passphrase))
        keys = PublicKeys(public_line, recipient)
        self._write_public(keys)
        return keys

    def _write_public(self, keys: PublicKeys) -> None:
        (self.folder / SIGN_PUBLIC).write_text(
            f"untrusted comment: minisign public key {key_id_of(keys.signing)}\n{keys.signing}\n", encoding="ascii")
        (self.folder / AGE_RECIPIENT).write_text(keys.age_recipient + "\n", encoding="ascii")

    def public(self) -> PublicKeys:
        if not self.exists():
            raise KeyError_("Đơn vị chưa có khoá: hãy tạo khoá (menu Trao đổi → Khoá).")
        return PublicKeys(read_public_file((self.folder / SIGN_PUBLIC).read_text(encoding="ascii")),
                          read_age_recipient((self.folder / AGE_RECIPIENT).read_text(encoding="ascii")))

    def signer(self, passphrase: str) -> Signer:
        try:
            secret = minisign.SecretKey.from_bytes((self.folder / SIGN_SECRET).read_bytes())
        except (OSError, minisign.Error, minisign.ParseError, ValueError):
            raise KeyError_(f"Tệp khoá ký ({SIGN_SECRET}) bị mất hoặc hỏng: khôi phục thư mục khoá từ bản sao "
                            "lưu.") from None
        try:
            secret.decrypt(passphrase)
        except (minisign.Error, minisign.ParseError, ValueError):
            raise KeyError_("Mật khẩu khoá không đúng.") from None
        return Signer(secret)

    def identity(self, passphrase: str) -> pyrage.x25519.Identity:
        sealed = self.folder / IDENTITY
        if sealed.exists():
            return pyrage.x25519.Identity.from_str(_open_sealed(sealed.read_bytes(), passphrase))
        try:  # an office set up before: age's format, read once and kept in the new form beside it
            text = pyrage.passphrase.decrypt((self.folder / AGE_IDENTITY).read_bytes(), passphrase).decode()
        except pyrage.DecryptError:
            raise KeyError_("Mật khẩu khoá không đúng.") from None
        line = next(line for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-"))
        identity = pyrage.x25519.Identity.from_str(line)
        _write_private(sealed, _seal(line, str(identity.to_public()), passphrase))
        return identity


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase.encode())


def _seal(secret: str, recipient: str, passphrase: str) -> bytes:
    salt, nonce = os.urandom(16), os.urandom(12)
    box = ChaCha20Poly1305(_key(passphrase, salt)).encrypt(nonce, secret.encode(), recipient.encode())
    return json.dumps({"format": IDENTITY_FORMAT, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                       "salt": base64.b64encode(salt).decode(), "nonce": base64.b64encode(nonce).decode(),
                       "recipient": recipient, "ciphertext": base64.b64encode(box).decode()}, indent=1).encode()


def _open_sealed(data: bytes, passphrase: str) -> str:
    try:
        doc = json.loads(data)
        if doc["format"] != IDENTITY_FORMAT or (doc["n"], doc["r"], doc["p"]) != (SCRYPT_N, SCRYPT_R, SCRYPT_P):
            raise ValueError("format")
        salt, nonce, box = (base64.b64decode(doc[k]) for k in ("salt", "nonce", "ciphertext"))
    except (ValueError, KeyError, TypeError):
        raise KeyError_("Tệp khoá giải mã (giai-ma.khoa) hỏng hoặc không đúng dạng.") from None
    try:
        return ChaCha20Poly1305(_key(passphrase, salt)).decrypt(nonce, box, doc["recipient"].encode()).decode()
    except InvalidTag:
        raise KeyError_("Mật khẩu khoá không đúng.") from None


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyError_(f"Mật khẩu bảo vệ khoá cần ít nhất {MIN_PASSPHRASE} ký tự.")


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
