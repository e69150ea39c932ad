"""The package: one ZIP holding a manifest (every member with its SHA-256), the manifest's minisign
signature and the members; the whole ZIP encrypted to the upper level's age key.
See docs/package-format.md. Opening refuses, with a Vietnamese reason, anything that is not exactly
what the sender signed."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import pyrage

from desktop.exchange.keys import KeyError_, Signer, verify

FORMAT = "so-cong-dan-hoc-tap/goi"
# 2: summary.json names its groups (group_definitions) and carries the learning models' figures, with their
# records (records/models.json; an upper level's records/communes_models.json); version 1 had neither
FORMAT_VERSION = 2
READS = (1, 2)
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
ALLOWED_MEMBERS = {"records/citizens.json", "records/enrolments.json", "records/decisions.json",
                   "records/certificates.json", "records/communes.json", "records/models.json",
                   "records/communes_models.json", "summary.json", "summary.xlsx"}
MAX_PACKAGE = 200_000_000
MAX_MEMBER = 300_000_000
MAX_TOTAL = 600_000_000
MAX_RATIO = 200  # a member may not inflate more than this: a zip bomb is refused before it is read


class PackageError(ValueError):
    """A package that is refused; the message names the reason in Vietnamese."""


@dataclass(frozen=True)
class Opened:
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    members: dict[str, bytes]
    sha256: str  # of the encrypted file as received


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(manifest: dict[str, Any], members: dict[str, bytes], signer: Signer, recipient: str) -> bytes:
    """Sign the manifest (which lists each member's hash) and encrypt the ZIP to `recipient` (age1…)."""
    unknown = set(members) - ALLOWED_MEMBERS
    assert not unknown, unknown
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION,
                "members": [{"path": p, "sha256": sha256(d), "size": len(d)} for p, d in sorted(members.items())]}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    comment = f"{manifest['sender']['code']} {manifest['year']} {manifest['sequence']} {sha256(manifest_bytes)[:16]}"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr(MANIFEST, manifest_bytes)
        z.writestr(SIGNATURE, signer.sign(manifest_bytes, comment))
        for path, data in sorted(members.items()):
            z.writestr(path, data)
    try:
        return pyrage.encrypt(out.getvalue(), [pyrage.x25519.Recipient.from_str(recipient)])
    except Exception as e:  # noqa: BLE001
        raise PackageError(f"Không mã hoá được tới khoá cấp trên: {e}") from None


def open_package(raw: bytes, identity: pyrage.x25519.Identity) -> Opened:
    """Decrypt and unpack with every limit checked; nothing is trusted yet (see verify_signature,
    records.check_manifest, verify_members)."""
    if len(raw) > MAX_PACKAGE:
        raise PackageError("Tệp quá lớn để là một gói của xã.")
    if not raw.startswith(b"age-encryption.org/v1"):
        raise PackageError("Không phải gói mã hoá age của chương trình (có thể là tệp khác, hoặc đã bị cắt).")
    try:
        plain = pyrage.decrypt(raw, [identity])
    except pyrage.DecryptError:
        raise PackageError("Không giải mã được: gói không gửi cho đơn vị này, hoặc tệp đã hỏng, bị cắt hay bị sửa.")\
            from None
    try:
        zf = zipfile.ZipFile(io.BytesIO(plain))
    except zipfile.BadZipFile:
        raise PackageError("Bên trong gói không phải tệp ZIP hợp lệ.") from None
    with zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise PackageError("Gói có hai thành phần trùng tên.")
        total = 0
        for info in infos:
            name = info.filename
            if name not in ALLOWED_MEMBERS | {MANIFEST, SIGNATURE} or name.startswith(("/", "\\")) or ".." in name:
                raise PackageError(f"Gói có thành phần lạ “{name[:80]}” (đường dẫn không được phép).")
            if info.file_size > MAX_MEMBER or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 10_000:
                raise PackageError(f"Thành phần “{name}” nở ra quá lớn: gói bị từ chối (nghi “bom nén”).")
            total += info.file_size
        if total > MAX_TOTAL:
            raise PackageError("Gói giải nén ra quá lớn: bị từ chối.")
        if MANIFEST not in names or SIGNATURE not in names:
            raise PackageError("Gói thiếu bản kê (manifest) hoặc chữ ký.")
        try:
            members = {i.filename: _read(zf, i) for i in infos}
        # a damaged deflate stream, an unknown compression method, an encrypted member: all "damaged"
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
            raise PackageError("Một thành phần trong gói bị hỏng.") from None
    manifest_bytes = members.pop(MANIFEST)
    signature = members.pop(SIGNATURE)
    try:
        manifest = json.loads(manifest_bytes)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise PackageError("Bản kê (manifest) của gói không đọc được.") from None
    if not isinstance(manifest, dict):
        raise PackageError("Không phải gói của Sổ Công dân học tập.")
    return Opened(manifest, manifest_bytes, signature, members, sha256(raw))


def check_format(opened: Opened) -> None:
    """After the signature: the format this program reads."""
    if opened.manifest.get("format") != FORMAT:
        raise PackageError("Không phải gói của Sổ Công dân học tập.")
    if opened.manifest.get("format_version") not in READS:
        raise PackageError(f"Gói định dạng phiên bản {shown(opened.manifest.get('format_version'))}: hãy cập nhật "
                           "chương trình.")


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as f:
        data = f.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise ValueError("size")
    return data


def verify_signature(opened: Opened, signing_public: str) -> None:
    """The manifest is signed by the registered key: until then nothing in it is used but the sender's code."""
    try:
        verify(signing_public, opened.manifest_bytes, opened.signature)
    except KeyError_ as e:
        raise PackageError(f"Chữ ký của gói không hợp lệ với khoá đã đăng ký của đơn vị gửi: {e}") from None


def verify_members(opened: Opened) -> None:
    """Every member is exactly what the (signed, shape-checked) manifest lists."""
    listed = {m["path"]: m for m in opened.manifest["members"]}
    if set(listed) != set(opened.members):
        missing = sorted(set(listed) - set(opened.members))
        extra = sorted(set(opened.members) - set(listed))
        raise PackageError(f"Thành phần của gói không khớp bản kê (thiếu: {', '.join(missing) or 'không'}; "
                           f"thừa: {', '.join(extra) or 'không'}).")
    for path, data in opened.members.items():
        if listed[path]["sha256"] != sha256(data) or listed[path]["size"] != len(data):
            raise PackageError(f"Thành phần “{path}” đã bị thay đổi sau khi ký (mã SHA-256 không khớp).")


def shown(value: Any) -> str:
    """A value from a package as it may be printed: bounded, control characters made visible."""
    text = repr(value) if not isinstance(value, str | bytes | list | dict) or len(value) <= 1000 else \
        repr(value[:40] if isinstance(value, str | bytes | list) else "…")
    return text if len(text) <= 40 else text[:37] + "…"


def table(columns: list[str], rows: list[list[Any]]) -> bytes:
    """Records as columns + rows: compact enough for 100,000 people to travel by email."""
    return json.dumps({"columns": columns, "rows": rows}, ensure_ascii=False, separators=(",", ":")).encode()


def read_table(data: bytes, name: str) -> list[dict[str, Any]]:
    try:
        doc = json.loads(data)
        columns, rows = doc["columns"], doc["rows"]
        return [dict(zip(columns, row, strict=True)) for row in rows]
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError):
        raise PackageError(f"Dữ liệu “{name}” trong gói không đọc được.") from None
