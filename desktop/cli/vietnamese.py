"""The command line in Vietnamese: argparse's own words (the usage line, the headings, the help of -h, every
error) from a small catalogue, as gettext would give them; and every argument named in Vietnamese where the
usage and the errors show it (NĂM, not YEAR; "số nguyên", not "int").

argparse asks gettext for each of its messages through the names `_` and `ngettext` of its own module; the
catalogue stands in for them there (gettext's own domain is left alone). A message of a newer Python that
the catalogue lacks stays in English: tests/cli/test_vietnamese_cli.py reads the running Python's argparse
and fails on any such message."""

from __future__ import annotations

import argparse
import gettext

MESSAGES = {
    # help
    "usage: ": "Cách dùng: ",
    "positional arguments": "Tham số",
    "optional arguments": "Tuỳ chọn",  # Python 3.9 and older
    "options": "Tuỳ chọn",
    "subcommands": "Lệnh",
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (mặc định: %(default)s)",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    # the clerk's mistakes
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: cảnh báo: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "the following arguments are required: %s": "còn thiếu %s",
    "one of the arguments %s is required": "cần một trong: %s",
    "not allowed with argument %s": "không dùng cùng với %s được",
    "ignored explicit argument %r": "không nhận giá trị (%r)",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s chưa rõ là tuỳ chọn nào: %(matches)s",
    "unexpected option string: %s": "tuỳ chọn không đúng chỗ: %s",
    "invalid %(type)s value: %(value)r": "%(value)r không phải %(type)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có %(value)r (chọn một trong: %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được “%(filename)s”: %(error)s",
    'argument "-" with mode %r': "“-” không dùng được ở chế độ %r",
    "option '%(option)s' is deprecated": "tuỳ chọn “%(option)s” đã cũ, sẽ bỏ",
    "argument '%(argument_name)s' is deprecated": "tham số “%(argument_name)s” đã cũ, sẽ bỏ",
    "command '%(parser_name)s' is deprecated": "lệnh “%(parser_name)s” đã cũ, sẽ bỏ",
    # a programmer's mistakes in building the parser (never a clerk's): still not in English
    ".__call__() not defined": ".__call__() chưa được viết",
    "%r is not callable": "%r không gọi được",
    "conflicting subparser: %s": "lệnh trùng: %s",
    "conflicting subparser alias: %s": "tên gọi khác của lệnh bị trùng: %s",
    "cannot merge actions - two groups are named %r": "không gộp được: hai nhóm cùng tên %r",
    "'required' is an invalid argument for positionals": "tham số vị trí không nhận 'required'",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "tuỳ chọn %(option)r sai: phải bắt đầu bằng một ký tự trong %(prefix_chars)r",
    "dest= is required for options like %r": "tuỳ chọn như %r cần dest=",
    "invalid conflict_resolution value: %r": "conflict_resolution không hợp lệ: %r",
    "mutually exclusive arguments must be optional": "các tham số loại trừ nhau phải là tuỳ chọn",
    "cannot have multiple subparser arguments": "chỉ được một nhóm lệnh con",
}
PLURALS = {
    ("expected %s argument", "expected %s arguments"): "cần %s giá trị",
    ("conflicting option string: %s", "conflicting option strings: %s"): "tuỳ chọn trùng: %s",
}

# what the usage line and the errors call an argument that names no metavar of its own (argparse would
# show its dest: YEAR, DATA_DIR, text)
NAMES = {
    "data_dir": "THƯ_MỤC", "db_url": "ĐỊA_CHỈ", "year": "NĂM", "seed": "SỐ", "limit": "SỐ", "queries": "SỐ",
    "communes": "SỐ", "copies": "SỐ", "text": "TỪ_KHOÁ", "village": "THÔN", "number": "SỐ_QĐ",
    "signer": "HỌ_TÊN", "action": "VIỆC", "args": "THAM_SỐ",
}


class Catalogue(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return PLURALS.get((singular, plural)) or (singular if n == 1 else plural)


def install() -> None:
    """argparse speaks Vietnamese from now on, in this process."""
    catalogue = Catalogue()
    argparse._ = catalogue.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalogue.ngettext  # type: ignore[attr-defined]


def integer(text: str) -> int:
    return int(text)


integer.__name__ = "số nguyên"  # in "'abc' không phải số nguyên"


def name_arguments(parser: argparse.ArgumentParser) -> None:
    """Vietnamese names for the arguments of `parser` and of its commands: a metavar where argparse would show
    the dest, "số nguyên" for an integer's type, the list of choices as the help of a positional that has
    them, and argparse's own help texts (Python 3.11 leaves --version's untranslated)."""
    for action in parser._actions:  # noqa: SLF001 - argparse keeps them there, documented or not
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for command in dict.fromkeys(action.choices.values()):
                name_arguments(command)
            continue
        if isinstance(action.help, str) and action.help in MESSAGES:
            action.help = MESSAGES[action.help]
        if action.type is int:
            action.type = integer
        takes_values = action.nargs != 0
        if takes_values and action.metavar is None and (action.choices is None or not action.option_strings):
            action.metavar = NAMES.get(action.dest)
            if action.choices is not None and not action.help:
                action.help = "một trong: " + ", ".join(map(str, action.choices))
