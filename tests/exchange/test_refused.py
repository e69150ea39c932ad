"""Nothing gets in that should not: each refused with its reason, and the database untouched."""

import io
import json
import subprocess
import zipfile

import pyrage
import pytest
from sqlalchemy import func, select

from desktop.db.models import AreaPerson, ReceivedPackage
from desktop.domain.groups import SHIPPED
from desktop.exchange.keys import KeyStore
from desktop.exchange.package import PackageError, build, sha256
from tests.exchange.conftest import PASS, YEAR


def held(upper):
    with upper.db.reader() as s:
        return (s.scalar(select(func.count()).select_from(ReceivedPackage)),
                s.scalar(select(func.count()).select_from(AreaPerson)))


def refused(area, tmp_path, data: bytes, reason: str):
    before = held(area.upper)
    path = tmp_path / "goi.age"
    path.write_bytes(data)
    with pytest.raises(PackageError) as e:
        area.upper.receiving.merge(area.upper.receiving.check(path, PASS))
    assert reason in str(e.value)
    assert held(area.upper) == before


def a_package(area) -> bytes:
    return area.a.sending.export(YEAR, PASS)[1]


def members_of(area):
    return area.a.sending._commune_members(YEAR)


def manifest_of(area, sequence=99):
    info = area.a.office.info()
    return {"sender": {"code": info.commune_code, "name": info.association_name, "kind": "commune"},
            "recipient": {"name": "x", "age_recipient": area.upper.keys.public().age_recipient},
            "year": YEAR, "sequence": sequence, "previous_sha256": None}


@pytest.mark.parametrize("where", [0, 100, 5_000, -1])
def test_a_flipped_byte_anywhere(area, tmp_path, where):
    data = bytearray(a_package(area))
    data[where] ^= 0x01
    refused(area, tmp_path, bytes(data), "Không" if where == 0 else "Không giải mã được")


def test_a_truncated_file(area, tmp_path):
    data = a_package(area)
    refused(area, tmp_path, data[: len(data) // 2], "Không giải mã được")


def test_a_file_for_another_upper_level(area, tmp_path):
    other = pyrage.x25519.Identity.generate().to_public()
    data = build(manifest_of(area), members_of(area), area.a.keys.store.signer(PASS), str(other))
    refused(area, tmp_path, data, "không gửi cho đơn vị này")


def test_signed_by_an_unregistered_key(area, tmp_path):
    impostor = KeyStore(tmp_path / "khoa-gia")
    impostor.create(PASS)
    data = build(manifest_of(area), members_of(area), impostor.signer(PASS), area.upper.keys.public().age_recipient)
    refused(area, tmp_path, data, "Chữ ký của gói không hợp lệ")


def test_an_office_whose_key_was_never_registered(area, tmp_path):
    manifest = manifest_of(area)
    manifest["sender"]["code"] = 99999
    data = build(manifest, members_of(area), area.a.keys.store.signer(PASS), area.upper.keys.public().age_recipient)
    refused(area, tmp_path, data, "chưa được đăng ký")


def test_a_summary_that_disagrees_with_its_records(area, tmp_path):
    members = members_of(area)
    summary = json.loads(members["summary.json"])
    summary["groups"][0]["recognized"] += 5
    members["summary.json"] = json.dumps(summary).encode()
    data = build(manifest_of(area), members, area.a.keys.store.signer(PASS), area.upper.keys.public().age_recipient)
    refused(area, tmp_path, data, "Bảng tổng hợp không khớp với dữ liệu")


def hand_made(area, entries: dict[str, bytes], manifest_members=None, sign=True) -> bytes:
    """A ZIP assembled by hand, signed with the commune's real key, encrypted to the real upper level."""
    manifest = {**manifest_of(area), "format": "so-cong-dan-hoc-tap/goi", "format_version": 1,
                "members": manifest_members if manifest_members is not None else
                [{"path": p, "sha256": sha256(d), "size": len(d)} for p, d in entries.items()]}
    body = json.dumps(manifest).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", body)
        if sign:
            z.writestr("manifest.json.minisig", area.a.keys.store.signer(PASS).sign(body, "x"))
        for path, data in entries.items():
            z.writestr(path, data)
    return pyrage.encrypt(out.getvalue(), [pyrage.x25519.Recipient.from_str(area.upper.keys.public().age_recipient)])


def test_a_zip_bomb(area, tmp_path):
    refused(area, tmp_path, hand_made(area, {"summary.json": b"0" * 50_000_000}), "bom nén")


def test_a_member_path_that_escapes(area, tmp_path):
    refused(area, tmp_path, hand_made(area, {"../../etc/passwd": b"x"}), "đường dẫn không được phép")


def test_a_member_changed_after_signing(area, tmp_path):
    members = {p: d for p, d in members_of(area).items() if p != "summary.xlsx"}
    listed = [{"path": p, "sha256": sha256(d), "size": len(d)} for p, d in members.items()]
    members["records/citizens.json"] = members["records/citizens.json"].replace(b"Nguy", b"Ngu_")
    refused(area, tmp_path, hand_made(area, members, listed), "đã bị thay đổi sau khi ký")


def test_an_unsigned_package(area, tmp_path):
    refused(area, tmp_path, hand_made(area, {"summary.json": b"{}"}, sign=False), "thiếu bản kê")


def test_not_a_package_at_all(area, tmp_path):
    refused(area, tmp_path, b"%PDF-1.4 hello", "Không phải gói mã hoá age")


def test_standard_tools_read_our_package(area, tmp_path):
    """age and minisign from Debian open and check a package without this program."""
    name, data = area.a.sending.export(YEAR, PASS)
    (tmp_path / name).write_bytes(data)
    identity = area.upper.keys.store.identity(PASS)
    (tmp_path / "identity.txt").write_text(str(identity) + "\n", encoding="ascii")
    subprocess.run(["age", "-d", "-i", str(tmp_path / "identity.txt"), "-o", str(tmp_path / "goi.zip"),
                    str(tmp_path / name)], check=True)
    with zipfile.ZipFile(tmp_path / "goi.zip") as z:
        z.extractall(tmp_path / "goi")
    public = area.keys / "23059" / "ky-so.pub"
    done = subprocess.run(["minisign", "-Vm", str(tmp_path / "goi" / "manifest.json"), "-p", str(public)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "Signature and comment signature verified" in done.stdout
    manifest = json.loads((tmp_path / "goi" / "manifest.json").read_text(encoding="utf-8"))
    for m in manifest["members"]:
        assert sha256((tmp_path / "goi" / m["path"]).read_bytes()) == m["sha256"]


def test_we_read_a_package_made_with_the_standard_tools(area, tmp_path):
    """A package assembled with zip, minisign and age (no program of ours) is accepted."""
    subprocess.run(["minisign", "-G", "-W", "-p", str(tmp_path / "cli.pub"), "-s", str(tmp_path / "cli.key")],
                   check=True, capture_output=True)
    area.upper.keys.register(23070, "Hội Khuyến học xã Thử Công Cụ", tmp_path / "cli.pub")
    folder = tmp_path / "goi"
    (folder / "records").mkdir(parents=True)
    members = {"records/citizens.json": json.dumps({"columns": ["uuid", "version", "full_name", "birth", "sex",
                                                                "cccd", "village", "group", "occupation", "deleted"],
                                                    "rows": [["3f1c2b4a-0000-4000-8000-000000000001", 1, "Lê Văn Công", "1980", "M", None, "Thôn 1", 1,
                                                              "", False]]}).encode(),
               "records/enrolments.json": json.dumps({"columns": ["uuid", "person", "group", "status", "passed"],
                                                      "rows": [["3f1c2b4a-0000-4000-8000-0000000000e1", 0, 1, "recognized", True]]}).encode(),
               "summary.json": json.dumps({"groups": [{"group": 1, "registered": 1, "assessed": 1, "recognized": 1,
                                                       "total": 1},
                                                      *({"group": g, "registered": 0, "assessed": 0, "recognized": 0,
                                                         "total": 0} for g in (2, 3))]}).encode()}
    for path, data in members.items():
        (folder / path).write_bytes(data)
    manifest = {"format": "so-cong-dan-hoc-tap/goi", "format_version": 1,
                "sender": {"code": 23070, "name": "Hội Khuyến học xã Thử Công Cụ", "kind": "commune"},
                "recipient": {"name": "Tỉnh", "age_recipient": area.upper.keys.public().age_recipient},
                "year": YEAR, "sequence": 1, "previous_sha256": None,
                "members": [{"path": p, "sha256": sha256(d), "size": len(d)} for p, d in members.items()]}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    subprocess.run(["minisign", "-S", "-s", str(tmp_path / "cli.key"), "-m", str(folder / "manifest.json")],
                   check=True, capture_output=True)
    with zipfile.ZipFile(tmp_path / "goi.zip", "w") as z:
        for path in ["manifest.json", "manifest.json.minisig", *members]:
            z.write(folder / path, path)
    recipient = (area.keys / "tinh" / "giai-ma.pub").read_text(encoding="ascii").strip()
    subprocess.run(["age", "-r", recipient, "-o", str(tmp_path / "goi.age"), str(tmp_path / "goi.zip")], check=True)
    check = area.upper.receiving.check(tmp_path / "goi.age", PASS)
    assert check.office_code == 23070 and check.counts["people"] == 1
    area.upper.receiving.merge(check)
    assert any(o.office_code == 23070 for o in area.upper.area.report(YEAR).offices)


def test_signed_records_with_a_wrong_field(area, tmp_path):
    """A good signature on wrong data (the sender's program went wrong): refused, with the row and field named."""
    members = members_of(area)
    people = json.loads(members["records/citizens.json"])
    people["rows"][4][people["columns"].index("group")] = 7
    members["records/citizens.json"] = json.dumps(people).encode()
    data = build(manifest_of(area), members, area.a.keys.store.signer(PASS), area.upper.keys.public().age_recipient)
    refused(area, tmp_path, data, "Dữ liệu người dân (records/citizens.json) sai ở dòng 5: nhóm 7 không có trong các "
                                  "nhóm đối tượng của gói")
    people["rows"][4][people["columns"].index("group")] = 10
    members["records/citizens.json"] = json.dumps(people).encode()
    data = build(manifest_of(area), members, area.a.keys.store.signer(PASS), area.upper.keys.public().age_recipient)
    refused(area, tmp_path, data, "Dữ liệu người dân (records/citizens.json) trong gói sai ở dòng 5, trường “group” (10)")


def test_a_sender_name_too_long_for_the_register(area, tmp_path):
    manifest = manifest_of(area)
    manifest["sender"]["name"] = "Hội Khuyến học " * 30
    data = build(manifest, members_of(area), area.a.keys.store.signer(PASS), area.upper.keys.public().age_recipient)
    refused(area, tmp_path, data, "trường “name”")


def test_a_damaged_member_inside_a_good_encryption(area, tmp_path):
    """The ZIP was damaged before it was encrypted: its deflate stream is broken (found by fuzzing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest_of(area)))
        z.writestr("manifest.json.minisig", b"x")
        z.writestr("summary.json", json.dumps([list(range(i, i + 40)) for i in range(300)]))
    inner = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(inner))) as z:
        member = z.getinfo("summary.json")
    inner[member.header_offset + 30 + len("summary.json") + 2] ^= 0xFF  # inside the compressed data
    recipient = pyrage.x25519.Recipient.from_str(area.upper.keys.public().age_recipient)
    refused(area, tmp_path, pyrage.encrypt(bytes(inner), [recipient]), "Một thành phần trong gói bị hỏng")


def signed(area, members=None, manifest=None) -> bytes:
    return build(manifest or manifest_of(area), members or members_of(area), area.a.keys.store.signer(PASS),
                 area.upper.keys.public().age_recipient)


def with_person_field(area, row: int, field: str, value) -> dict:
    members = members_of(area)
    people = json.loads(members["records/citizens.json"])
    people["rows"][row][people["columns"].index(field)] = value
    members["records/citizens.json"] = json.dumps(people).encode()
    return members


@pytest.mark.parametrize(("field", "value", "shown"), [
    ("full_name", "Nguyễn Văn\x00An", "full_name"),
    ("full_name", "Nguyễn\x0bVăn An", "full_name"),
    ("full_name", "Nguye\u0302\u0303n Văn An", "full_name"),  # decomposed marks, not NFC
    ("full_name", "   ", "full_name"),
    ("village", "Thôn\x00Một", "village"),
    ("cccd", "60080123456", "cccd"),            # 11 digits
    ("cccd", "1' OR '1'='1", "cccd"),
    ("birth", "31/02/1980", "birth"),
    ("birth", "1980-03-05", "birth"),
    ("sex", "X", "sex"),
    ("uuid", "khong-phai-uuid", "uuid"),
])
def test_signed_records_are_checked_like_a_record_typed_at_the_office(area, tmp_path, field, value, shown):
    """Hostile or broken content inside a validly signed package is refused whole, naming file, row, field."""
    refused(area, tmp_path, signed(area, with_person_field(area, 2, field, value)),
            f"(records/citizens.json) trong gói sai ở dòng 3, trường “{shown}”")


@pytest.mark.parametrize(("groups", "reason"), [
    ([1, 1, 2, 3], "nhóm 1 ghi hai lần"),
    ([1, 2], "thiếu nhóm 3"),
    ([1, 2, 3, 4], "nhóm 4 không được định nghĩa"),
    ([1, 2, 3, 10], "trường “group”"),
])
def test_every_group_exactly_once(area, tmp_path, groups, reason):
    members = members_of(area)
    summary = json.loads(members["summary.json"])
    by_group = {g["group"]: g for g in summary["groups"]}
    summary["groups"] = [{**by_group.get(n, by_group[1]), "group": n} for n in groups]
    members["summary.json"] = json.dumps(summary).encode()
    refused(area, tmp_path, signed(area, members), reason)


def test_more_recognized_than_registered(area, tmp_path):
    members = members_of(area)
    summary = json.loads(members["summary.json"])
    summary["groups"][0]["recognized"] = summary["groups"][0]["registered"] + 1
    members["summary.json"] = json.dumps(summary).encode()
    refused(area, tmp_path, signed(area, members), "lớn hơn số đăng ký")


def test_a_sender_name_with_control_characters(area, tmp_path):
    manifest = manifest_of(area)
    manifest["sender"]["name"] = "Hội Khuyến học\x00xã A"
    refused(area, tmp_path, signed(area, manifest=manifest), "trường “name” ('Hội Khuyến học\\x00xã A')")


@pytest.mark.parametrize(("members", "reason"), [
    ("records/citizens.json", "Danh sách thành phần trong bản kê không đúng dạng ('records/citizens.json')"),
    ([{"path": ["summary.json"], "sha256": "0" * 64, "size": 2}], "trường “path” (['summary.json'])"),
    ([{"sha256": "0" * 64, "size": 2}], "trường “path” (None)"),
    ([{"path": "summary.json", "sha256": "0" * 64, "size": "2"}], "trường “size”"),
    ([{"path": "summary.json", "sha256": "0" * 64, "size": 2}] * 2, "hai lần"),
    ([], "không đúng dạng"),
])
def test_a_signed_manifest_of_the_wrong_shape(area, tmp_path, members, reason):
    """Validly signed, wrongly shaped: one clear line, never a traceback."""
    refused(area, tmp_path, hand_made(area, {"summary.json": b"{}"}, manifest_members=members), reason)


def test_a_huge_format_version_is_not_printed_whole(area, tmp_path):
    manifest = {**manifest_of(area), "format": "so-cong-dan-hoc-tap/goi", "format_version": "9" * 100_000,
                "members": []}
    body = json.dumps(manifest).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("manifest.json", body)
        z.writestr("manifest.json.minisig", area.a.keys.store.signer(PASS).sign(body, "x"))
    data = pyrage.encrypt(out.getvalue(), [pyrage.x25519.Recipient.from_str(area.upper.keys.public().age_recipient)])
    path = tmp_path / "goi.age"
    path.write_bytes(data)
    with pytest.raises(PackageError) as e:
        area.upper.receiving.check(path, PASS)
    assert "phiên bản" in str(e.value) and len(str(e.value)) < 200


def test_a_batch_goes_on_past_a_bad_file_and_a_wrong_passphrase_leaves_no_backup(area, tmp_path, capsys, monkeypatch):
    from desktop.__main__ import main
    from desktop.services.backups import backup_folder

    bad = tmp_path / "hong.age"
    bad.write_bytes(hand_made(area, {"summary.json": b"{}"}, manifest_members="records/citizens.json"))
    good = tmp_path / "tot.age"
    good.write_bytes(a_package(area))
    folder = str(area.upper.folder)
    monkeypatch.setenv("SO_CDHT_PASSPHRASE", PASS)
    capsys.readouterr()
    assert main(["--data-dir", folder, "receive", str(bad), str(good), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "TỪ CHỐI hong.age: Danh sách thành phần" in out
    assert "tot.age: Hội Khuyến học xã hàm thuận (mã 23059), năm 2026" in out  # the next file still checked
    assert "Traceback" not in out
    backups = lambda: sorted(backup_folder(area.upper.folder).rglob("*.zip"))  # noqa: E731
    before = backups()
    monkeypatch.setenv("SO_CDHT_PASSPHRASE", "mat-khau-sai-roi")
    assert main(["--data-dir", folder, "receive", str(good)]) == 1
    assert "Lỗi:" in capsys.readouterr().err
    monkeypatch.setenv("SO_CDHT_PASSPHRASE", PASS)
    assert main(["--data-dir", folder, "receive", str(bad)]) == 1  # nothing passed its checks: nothing to back up
    assert backups() == before


def test_a_commune_key_cannot_send_an_upper_package(area, tmp_path):
    """A commune's package marked "upper" would skip the comparison with its records: refused."""
    manifest = manifest_of(area)
    manifest["sender"]["kind"] = "upper"
    refused(area, tmp_path, signed(area, manifest=manifest), "tự ghi là gói cấp trên, nhưng khoá đã đăng ký là của xã")


def test_an_upper_levels_package_is_checked_for_what_can_be_checked(area, tmp_path):
    from desktop.exchange.package import table

    store = KeyStore(tmp_path / "khoa-huyen")
    store.create(PASS)
    files = tmp_path / "huyen"
    files.mkdir()
    area.upper.keys.register(23900, "Hội Khuyến học huyện Thử", _signing_file(store, files), kind="upper")
    columns = ["office_code", "office_name", "group", "recognized", "total", "registered", "assessed"]

    def package(rows, summary=None, sequence=1) -> bytes:
        sums = summary or [{"group": g, **{k: sum(r[columns.index(k)] for r in rows if r[2] == g)
                                            for k in ("recognized", "total", "registered", "assessed")}}
                           for g in (1, 2, 3)]
        manifest = {"sender": {"code": 23900, "name": "Hội Khuyến học huyện Thử", "kind": "upper"},
                    "recipient": {"name": "Tỉnh", "age_recipient": area.upper.keys.public().age_recipient},
                    "year": YEAR, "sequence": sequence, "previous_sha256": None}
        members = {"records/communes.json": table(columns, rows),
                   "summary.json": json.dumps({"year": YEAR, "groups": sums,
                                               "group_definitions": [d.as_json() for d in SHIPPED]}).encode()}
        return build(manifest, members, store.signer(PASS), area.upper.keys.public().age_recipient)

    good = [[24001, "Xã Một", g, 10, 100, 40, 30] for g in (1, 2, 3)]
    refused(area, tmp_path, package(good + [[24001, "Xã Một", 1, 10, 100, 40, 30]]), "mỗi nhóm đúng một lần")
    other = [[24002, "Xã Hai", g, 0, 200, 100, 0] for g in (1, 2, 3)]  # the sums alone would not show it
    refused(area, tmp_path, package([[24001, "Xã Một", 1, 100, 100, 40, 30], *good[1:], *other]),
            "được công nhận ≤ đã đăng ký")
    refused(area, tmp_path, package([[24001, "Xã Một", 1, 10, 30, 40, 30], *good[1:]]), "đã đăng ký ≤ tổng số")
    wrong_sums = [{"group": g, "recognized": 11, "total": 100, "registered": 40, "assessed": 30} for g in (1, 2, 3)]
    refused(area, tmp_path, package(good, wrong_sums), "cộng các xã được 10")
    path = tmp_path / "huyen.age"
    path.write_bytes(package(good))
    check = area.upper.receiving.check(path, PASS)
    assert "số liệu tổng hợp của 1 xã (theo báo cáo của đơn vị)" in check.describe()
    area.upper.receiving.merge(check)
    office = next(o for o in area.upper.area.report(YEAR).offices if o.office_code == 23900)
    assert office.reported and office.label == "Hội Khuyến học huyện Thử (theo báo cáo của đơn vị)"
    assert office.total["recognized"] == 30


def _signing_file(store, folder):
    path = folder / "ky-so.pub"
    path.write_text(store.public().signing + "\n", encoding="ascii")  # the bare key line is accepted
    return path


def test_a_version_2_summary_names_its_groups(area, tmp_path):
    members = members_of(area)
    summary = json.loads(members["summary.json"])
    del summary["group_definitions"]
    members["summary.json"] = json.dumps(summary).encode()
    refused(area, tmp_path, signed(area, members), "thiếu các nhóm đối tượng (“group_definitions”)")
    summary["group_definitions"] = [{"number": 1, "code": "a b", "name": "x", "short": "x"}]
    members["summary.json"] = json.dumps(summary).encode()
    refused(area, tmp_path, signed(area, members), "chỉ gồm chữ không dấu")
