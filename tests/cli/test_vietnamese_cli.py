"""Issue 21: the command line speaks Vietnamese: argparse's usage line, headings, help and errors, and the
names of the arguments, for the program and every command."""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys

import pytest

from desktop.__main__ import main
from desktop.cli import build_parser
from desktop.cli.vietnamese import MESSAGES, PLURALS

# argparse's English, as it shows in help and errors; and the English names of files
ENGLISH = re.compile(r"usage|options|positional arguments|show this help|help message|version number|error:|"
                     r"the following|required|invalid|choice|choose from|argument|expected|unrecognized|"
                     r"ambiguous|not allowed|default|subcommands", re.IGNORECASE)
ENGLISH_NAMES = re.compile(r"\b(FILE|OUT|DATA_DIR|DB_URL|YEAR|SEED|LIMIT|TEXT)\b")  # not --out, --passphrase-file
COMMANDS = sorted(next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices)


def english_in(text: str) -> list[str]:
    return ENGLISH.findall(text) + ENGLISH_NAMES.findall(text)


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SO_CDHT_DB_URL",)}
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env)


def test_every_message_of_this_python_s_argparse_is_translated():
    with open(argparse.__file__, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    missing = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and texts and texts[0] not in MESSAGES:
                missing.append(texts[0])
            if node.func.id == "ngettext" and tuple(texts[:2]) not in PLURALS:
                missing.append(texts[:2])
    assert not missing, f"argparse {sys.version.split()[0]} says these in English: {missing}"


def test_help_in_a_real_process():
    top = run("--help")
    assert top.returncode == 0 and top.stderr == ""
    assert "Cách dùng: python -m desktop" in top.stdout and "Tuỳ chọn:" in top.stdout and "Lệnh:" in top.stdout
    assert "hiện hướng dẫn này rồi thoát" in top.stdout and "hiện số phiên bản rồi thoát" in top.stdout
    assert english_in(top.stdout) == [], top.stdout
    demo = run("demo", "--help")
    assert demo.returncode == 0 and "Cách dùng: python -m desktop demo" in demo.stdout and "--year NĂM" in demo.stdout
    assert english_in(demo.stdout) == [], demo.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_s_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Cách dùng: python -m desktop {command}")
    assert english_in(out) == [], out


@pytest.mark.parametrize("args, said", [
    (["demo", "--citizens", "nhiều"], "--citizens: 'nhiều' không phải số nguyên"),
    (["lenh-la"], "LỆNH: không có 'lenh-la' (chọn một trong: 'setup',"),
    (["search"], "còn thiếu TỪ_KHOÁ"),
    (["setup", "--clerk", "Lan"], "còn thiếu --province"),
    (["demo", "--so-nguoi", "5"], "không hiểu tham số: --so-nguoi 5"),
    (["keys", "tao"], "VIỆC: không có 'tao'"),
    (["keys", "show", "--kind", "huyen"], "--kind: không có 'huyen' (chọn một trong: 'commune', 'upper')"),
    (["--data-dir"], "--data-dir: cần một giá trị"),
    (["receive"], "còn thiếu TỆP"),
])
def test_a_wrong_command_line_is_told_in_vietnamese(args, said):
    done = run(*args)
    assert done.returncode == 2 and done.stdout == ""
    assert said in done.stderr and ": lỗi: " in done.stderr and done.stderr.startswith("Cách dùng: ")
    assert english_in(done.stderr) == [], done.stderr


def test_every_argument_has_a_vietnamese_name():
    def actions(parser):  # noqa: ANN001, ANN202
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for command in action.choices.values():
                    yield from actions(command)
            else:
                yield action

    for action in actions(build_parser()):
        if action.nargs == 0 or action.help == argparse.SUPPRESS:
            continue
        shown = action.metavar or ("{…}" if action.choices and action.option_strings else action.dest)
        assert shown not in (action.dest, action.dest.upper()), f"{action.option_strings or action.dest}: {shown}"
        assert action.type in (None, str) or getattr(action.type, "__name__", "") != "int"
