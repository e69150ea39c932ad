"""The README's exchange round, run as written: two communes and their upper level set up from the
command line, keys exchanged, exports received and merged, receipts back."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "exchange_round.sh"


def test_the_readme_shows_the_script_as_it_is():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- vong-trao-doi -->\n```bash\n(.*?)```", readme, re.S)
    assert block, "the README's exchange round block"
    script = SCRIPT.read_text(encoding="utf-8")
    for line in block.group(1).splitlines():
        if line.strip() and not line.startswith("#"):
            assert line in script, line


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "python").exists() and sys.platform != "win32",
                    reason="the script runs the project's .venv (scripts/setup.sh)")
@pytest.mark.sqlite_only  # the round uses its own folders: once is enough
def test_a_whole_round_from_the_command_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SO_CDHT_TEST_PG")}
    done = subprocess.run(["bash", str(SCRIPT), str(tmp_path)], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "Đã thiết lập Hội Khuyến học tỉnh Lâm Đồng" in out and "Đã thiết lập Hội Khuyến học xã Hàm Liêm" in out
    assert out.count("Đã đăng ký khoá của") == 2
    assert re.search(r"cdht-23059-\d{4}-01\.age: Hội Khuyến học xã Hàm Thuận \(mã 23059\).*60 người, 60 mới", out)
    assert "Chạy thử: chưa gộp gói nào." in out and "Đã sao lưu trước khi gộp" in out
    assert "2 đơn vị đã gửi gói" in out and "Toàn địa bàn" in out
    assert out.count("Cấp trên đã nhận ngày") == 2
    assert "Traceback" not in out + done.stderr
