"""Cleaning and segmenting Chinese suggestion texts (jieba with the shipped domain dictionary).

jieba is loaded lazily, once per process, into a private ``jieba.Tokenizer`` (the global
``jieba.dt`` is left alone), with its log output silenced and its cache file written to
:func:`set_cache_dir`'s directory (the system temp dir by default).
"""

from __future__ import annotations

import functools
import html
import logging
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
USER_DICT = DATA_DIR / "userdict.txt"

_lock = threading.Lock()
_tokenizer: Any = None  # jieba.Tokenizer; jieba ships no type information
_cache_dir: str | None = None
_lexicon: frozenset[str] | None = None

# Filler words (data/stopwords.txt, one a line) that say nothing about the subject of a suggestion.
STOPWORDS: frozenset[str] = frozenset(
    (DATA_DIR / "stopwords.txt").read_text(encoding="utf-8").split()
)

# Variants that mean the same thing for duplicate search and themes, mapped to one term.
SYNONYMS: dict[str, str] = {
    "暖气": "供暖",
    "供热": "供暖",
    "集中供暖": "供暖",
    "取暖": "供暖",
    "采暖": "供暖",
    "自来水": "供水",
    "用水": "供水",
    "水压": "供水",
    "停车库": "停车场",
    "立体停车库": "立体停车场",
    "车库": "停车场",
    "车位": "停车位",
    "泊位": "停车位",
    "停车泊位": "停车位",
    "堵车": "拥堵",
    "塞车": "拥堵",
    "交通拥堵": "拥堵",
    "拥挤": "拥堵",
    "红绿灯": "信号灯",
    "交通灯": "信号灯",
    "电瓶车": "电动车",
    "电单车": "电动车",
    "老人": "老年人",
    "长者": "老年人",
    "小孩": "孩子",
    "儿童": "孩子",
    "娃娃": "孩子",
    "就医": "看病",
    "看病难": "看病",
    "垃圾桶": "垃圾箱",
    "增建": "新建",
    "增设": "新建",
    "修建": "新建",
    "建设": "新建",
    "加建": "新建",
    "兴建": "新建",
    "增加": "新建",
    "新增": "新建",
    "配建": "新建",
    "公交车": "公交",
    "公交线路": "公交",
    "公共汽车": "公交",
    "马路": "道路",
    "路面": "道路",
    "破损": "损坏",
    "坑洼": "损坏",
    "破旧": "老旧",
    "陈旧": "老旧",
    "老化": "老旧",
    "设备陈旧": "老旧",
    "幼儿园入园": "入园",
    "上学难": "入学",
    "物业公司": "物业",
    "物业服务": "物业",
    "业委会": "业主委员会",
    "晚上": "夜间",
    "夜里": "夜间",
    "半夜": "夜间",
    "太贵": "价格高",
    "偏贵": "价格高",
    "涨价": "价格高",
    "利息": "融资",
    "融资贵": "融资",
    "融资难": "融资",
    "贷款难": "贷款",
    "民营": "民营企业",
    "私营企业": "民营企业",
    "环卫车": "垃圾清运",
    "收运": "垃圾清运",
    "清运": "垃圾清运",
    "拉走": "垃圾清运",
    "诈骗电话": "诈骗",
    "电信诈骗": "诈骗",
}

_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_REPEAT = re.compile(r"([!！?？。，,.~～…\-_=*#])\1{2,}")

_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A licence plate: province abbreviation, letter, 5 (or 6 for new-energy) letters/digits.
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]·?[A-Z0-9]{5,6}(?![A-Za-z0-9])"
)
# An account number announced as such: "微信号 abc_123", "QQ:12345678".
_ACCOUNT = re.compile(r"((?:微信号?|QQ号?|qq号?|VX|vx|wx)\s*[:：]?\s*)[A-Za-z0-9_-]{5,20}")
_WORD = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]|\d")


# Full-width letters and digits (and the ideographic space) to their ASCII forms; Chinese
# punctuation stays as written.
_WIDTH = {
    **{code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)},
    **{code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)},
    **{code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)},
    0x3000: 0x20,
}


def clean(text: str) -> str:
    """A suggestion text normalised for display, storage and matching.

    NFC; full-width letters and digits made half-width (Chinese punctuation kept); control
    and zero-width characters dropped; HTML tags and scripts removed and entities decoded;
    URLs dropped; runs of the same punctuation cut to one; whitespace collapsed to single
    spaces and trimmed. Deterministic and idempotent.
    """
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text).translate(_WIDTH))
    # Entities may hide markup, even several times over ("&amp;lt;b&amp;gt;"): decode and
    # strip until nothing changes (bounded: each level is at least 4 characters longer).
    for _ in range(8):
        stripped = _TAG.sub(" ", _SCRIPT.sub(" ", text))
        decoded = html.unescape(stripped)
        if decoded == text:
            break
        text = decoded
    text = _TAG.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _REPEAT.sub(r"\1", text)
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text).translate(_WIDTH))
    return _SPACE.sub(" ", text).strip()


def redact_personal(text: str) -> str:
    """``text`` with contact and identifying numbers replaced by "***".

    Mobile and landline numbers, ID numbers, e-mail addresses, licence plates and WeChat/QQ
    accounts. For publishing a suggestion: the public board never shows a proposer's
    contact data, even when they typed it into the text. Names cannot be found reliably;
    the office's moderation step still reads every text before it is published.
    """
    text = _ID_NUMBER.sub("***", text)
    text = _EMAIL.sub("***", text)
    text = _ACCOUNT.sub(r"\1***", text)
    text = _MOBILE.sub("***", text)
    text = _LANDLINE.sub("***", text)
    return _PLATE.sub("***", text)


def meaningful_length(text: str) -> int:
    """How many Chinese characters, Latin letters and digits ``text`` holds.

    For rejecting texts that are empty or punctuation only after cleaning.
    """
    return len(_WORD.findall(text))


def set_cache_dir(path: str | Path) -> None:
    """Where jieba writes its ≈9 MB prefix-dictionary cache (call before first use)."""
    global _cache_dir
    _cache_dir = str(path)


def _get_tokenizer() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = _cache_dir or tempfile.gettempdir()
                tokenizer.initialize()
                tokenizer.load_userdict(str(USER_DICT))
                _tokenizer = tokenizer
    return _tokenizer


def segment(text: str) -> list[str]:
    """jieba's segmentation of ``text`` (after :func:`clean`), whitespace tokens removed."""
    words: list[str] = _get_tokenizer().lcut(clean(text))
    return [w for w in words if w.strip()]


def normalise_term(term: str) -> str:
    """The canonical form of a word (see ``SYNONYMS``), lower-cased."""
    term = term.lower()
    return SYNONYMS.get(term, term)


def content_terms(text: str) -> list[str]:
    """The words of ``text`` that carry its subject, in order, synonyms mapped.

    Punctuation, single characters, numbers and ``STOPWORDS`` are dropped.
    """
    return list(_content_terms(text))


# Area, department and duplicate proposals for one text all need its terms, and a Triage
# rebuilt per request segments the same examples again: segment each text once.
@functools.lru_cache(maxsize=4096)
def _content_terms(text: str) -> tuple[str, ...]:
    terms: list[str] = []
    for word in segment(text):
        term = normalise_term(word)
        if len(term) < 2 or term in STOPWORDS or term.isdigit():
            continue
        if not any(ch.isalnum() for ch in term):
            continue
        terms.append(term)
    return tuple(terms)


# Canonical forms that are actions or states, not themes ("新建" stands for every way of
# asking for something to be built).
NOT_THEMES: frozenset[str] = frozenset({"新建", "老旧", "损坏", "不足"})


def theme_lexicon() -> frozenset[str]:
    """The subject words a theme count considers: the domain dictionary, synonyms mapped."""
    global _lexicon
    if _lexicon is None:
        words = USER_DICT.read_text(encoding="utf-8").split("\n")
        terms = {normalise_term(line.split(" ")[0]) for line in words if line.strip()}
        _lexicon = frozenset(terms - NOT_THEMES - STOPWORDS)
    return _lexicon


def theme_terms(text: str) -> set[str]:
    """The subject words of ``text`` found in :func:`theme_lexicon` (each once)."""
    lexicon = theme_lexicon()
    return {term for term in content_terms(text) if term in lexicon}


# Open items are compared again and again: remember their fingerprints (a few MB at most).
@functools.lru_cache(maxsize=65536)
def fingerprint(text: str) -> str:
    """The sorted, de-duplicated content terms of ``text`` joined by spaces.

    This is what near-duplicate search compares. Results are cached per process (65,536
    texts); an app with more open items, or many processes, should store it with each item
    so a search does not segment every open item again.
    """
    return " ".join(sorted(set(content_terms(text))))


def fingerprints(texts: Iterable[str]) -> list[str]:
    """:func:`fingerprint` of each text."""
    return [fingerprint(t) for t in texts]
