"""Keys of the office and of the others: create, show, hand out, import, register, replace — audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.db import audit
from desktop.db.base import utcnow
from desktop.db.engine import Database
from desktop.db.models import Office, TrustedKey
from desktop.exchange.keys import (
    AGE_RECIPIENT,
    SIGN_PUBLIC,
    KeyError_,
    KeyStore,
    PublicKeys,
    fingerprint,
    key_id_of,
    read_age_recipient,
    read_public_file,
)

KEY_FOLDER = "khoa"


@dataclass(frozen=True)
class TrustedInfo:
    office_code: int
    office_name: str
    fingerprint: str
    registered_at: str
    replaced: bool
    kind: str = "commune"


class KeyService:
    def __init__(self, db: Database, folder: Path, actor: Callable[[], str]) -> None:
        self.db = db
        self.store = KeyStore(folder / KEY_FOLDER)
        self._actor = actor

    def create(self, passphrase: str) -> PublicKeys:
        keys = self.store.create(passphrase)
        with self.db.session() as s:
            office = s.scalars(select(Office)).first()
            audit.record(s, actor=self._actor(), action="create", entity="key", entity_id=office.id if office else 0,
                         entity_uuid=office.uuid if office else "", summary="Tạo khoá của đơn vị",
                         changes={"Dấu vân tay khoá ký": [None, keys.fingerprint]})
        return keys

    def public(self) -> PublicKeys:
        return self.store.public()

    def check_passphrase(self, passphrase: str) -> None:
        """Raises KeyError_ in Vietnamese unless the passphrase unlocks the office's signing key (0.1 s): a
        window asks it first and refuses a wrong one before asking anything else."""
        if not self.store.exists():
            raise KeyError_("Đơn vị chưa có khoá: hãy tạo khoá (menu Trao đổi → Khoá của đơn vị).")
        self.store.signer(passphrase)

    def _public_texts(self, folder: Path) -> dict[Path, str]:
        keys = self.store.public()
        return {folder / SIGN_PUBLIC: f"untrusted comment: minisign public key {key_id_of(keys.signing)}\n"
                                      f"{keys.signing}\n",
                folder / AGE_RECIPIENT: keys.age_recipient + "\n"}

    def other_public_files(self, folder: Path) -> list[str]:
        """The names of key files already in `folder` that are not this office's (another office's keys, which
        writing ours would overwrite)."""
        found = []
        for path, text in self._public_texts(folder).items():
            try:
                if path.exists() and path.read_text(encoding="ascii", errors="replace") != text:
                    found.append(path.name)
            except OSError:
                found.append(path.name)
        return found

    def write_public_files(self, folder: Path) -> list[Path]:
        """The public halves in the standard tools' formats, to send to the other side."""
        texts = self._public_texts(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in texts.items():
            path.write_text(text, encoding="ascii")
        return list(texts)

    # a commune imports its upper level's keys ------------------------------------------------------

    def import_upper(self, signing_file: Path, age_file: Path) -> str:
        """Returns the fingerprint to compare with the upper level's paper form."""
        signing = read_public_file(_read(signing_file))
        recipient = read_age_recipient(_read(age_file))
        with self.db.session() as s:
            office = s.scalars(select(Office)).one()
            before = (office.upper_signing_key, office.upper_recipient)
            if before != (signing, recipient):
                audit.record(s, actor=self._actor(), action="update", entity="office", entity_id=office.id,
                             entity_uuid=office.uuid,
                             summary="Thay khoá của cấp trên" if before[0] else "Nhập khoá của cấp trên",
                             changes={"Khoá ký cấp trên": [fingerprint(before[0]) if before[0] else None,
                                                           fingerprint(signing)],
                                      "Khoá mã hoá cấp trên": [before[1] or None, recipient]})
                office.upper_signing_key, office.upper_recipient = signing, recipient
        return fingerprint(signing)

    # the upper level registers the communes' keys ---------------------------------------------------

    def register(self, office_code: int, office_name: str, signing_file: Path, replace: bool = False,
                 kind: str = "commune") -> str:
        """`kind`: "commune", or "upper" for a lower upper level (a district) whose files carry its area's
        figures; a package whose sender says otherwise is refused."""
        if kind not in ("commune", "upper"):
            raise KeyError_(f"Loại đơn vị “{kind}” không có: chọn xã (commune) hoặc cấp trên (upper).")
        signing = read_public_file(_read(signing_file))
        with self.db.session() as s:
            current = s.scalars(select(TrustedKey).where(TrustedKey.office_code == office_code,
                                                         TrustedKey.replaced_at.is_(None))).first()
            if current is not None and current.signing_key == signing:
                return fingerprint(signing)
            if current is not None and not replace:
                raise KeyError_(f"{current.office_name} đã có khoá {fingerprint(current.signing_key)}. "
                                "Thay khoá phải chọn rõ “thay khoá”.")
            if current is not None:
                current.replaced_at = utcnow()
            key = TrustedKey(office_code=office_code, office_name=" ".join(office_name.split()),
                             signing_key=signing, key_id=key_id_of(signing), kind=kind)
            s.add(key)
            s.flush()
            audit.record(s, actor=self._actor(), action="update" if current else "create", entity="trusted_key",
                         entity_id=key.id, entity_uuid=key.uuid,
                         summary=f"{'Thay' if current else 'Đăng ký'} khoá của {key.office_name} (mã {office_code})",
                         changes={"Dấu vân tay": [fingerprint(current.signing_key) if current else None,
                                                  fingerprint(signing)]})
        return fingerprint(signing)

    def trusted(self) -> list[TrustedInfo]:
        with self.db.reader() as s:
            rows = s.scalars(select(TrustedKey).order_by(TrustedKey.office_code, TrustedKey.id))
            return [TrustedInfo(k.office_code, k.office_name, fingerprint(k.signing_key),
                                k.created_at.astimezone().strftime("%d/%m/%Y"), k.replaced_at is not None, k.kind)
                    for k in rows]

    def key_of(self, office_code: int) -> str | None:
        known = self.registered(office_code)
        return known[0] if known else None

    def registered(self, office_code: int) -> tuple[str, str] | None:
        """(signing key, kind) of the office's current key."""
        with self.db.reader() as s:
            row = s.execute(select(TrustedKey.signing_key, TrustedKey.kind).where(
                TrustedKey.office_code == office_code, TrustedKey.replaced_at.is_(None))).first()
            return None if row is None else (row[0], row[1])


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise KeyError_(f"Không đọc được tệp khoá {path.name}: {e}") from None
