"""Counting characters the way the seeds mean "字数" (no Django import).

Word and WPS count a Chinese text as: every Chinese character and every Chinese
(full-width) punctuation mark is one, every run of Latin letters or digits ("2021", "APP")
is one word. Spaces and line breaks do not count. "控制在2000字左右" is measured so.
"""

from __future__ import annotations

import re
import unicodedata

_LATIN_RUN = re.compile(r"[A-Za-z0-9０-９Ａ-Ｚａ-ｚ]+(?:[.,%][A-Za-z0-9０-９]+)*%?")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x20000 <= code <= 0x2FA1F  # extensions B-F and compatibility supplement
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or code == 0x3007  # 〇
    )


def _is_cjk_punctuation(char: str) -> bool:
    code = ord(char)
    if 0x3000 < code <= 0x303F or 0xFF01 <= code <= 0xFF65 or 0xFE30 <= code <= 0xFE4F:
        return not ("０" <= char <= "９" or "Ａ" <= char <= "Ｚ" or "ａ" <= char <= "ｚ")
    # Curly quotes, dashes and the ellipsis that Chinese text uses.
    return char in "“”‘’—…·" or (
        unicodedata.category(char).startswith("P") and unicodedata.east_asian_width(char) in "WF"
    )


def count_chars(text: str) -> int:
    """Chinese characters and Chinese punctuation count one each; a Latin/digit run counts one."""
    count = 0
    for char in text:
        if _is_cjk(char) or _is_cjk_punctuation(char):
            count += 1
    count += len(_LATIN_RUN.findall(text))
    return count
