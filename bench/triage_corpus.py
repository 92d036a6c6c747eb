"""Synthetic suggestion texts for the triage benchmarks (seeded; no real person or case).

Each text is one to three clauses built from a place, a subject word of one of the 16
reference areas, a problem and a request, so that tens of thousands of texts are varied
but read like what citizens write. Not a benchmark itself: imported by triage_*.py.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from minping.triage import REFERENCE_AREAS  # noqa: E402  # after the path set-up above

PLACES = [
    "东胜区", "康巴什区", "达拉特旗", "准格尔旗", "伊金霍洛旗", "乌审旗", "杭锦旗", "鄂托克旗",
    "鄂托克前旗", "我们小区", "城东片区", "新区", "老城区", "市中心", "学校附近", "医院周边",
    "我家楼下", "村里", "园区", "火车站附近",
]  # fmt: skip
ROADS = ["一号路", "团结路", "滨河路", "育才路", "鄂尔多斯大街", "天骄路", "伊金霍洛街", "民族街"]
PROBLEMS = [
    "问题一直没有解决", "群众意见很大", "存在安全隐患", "给居民生活带来不便", "已经反映过多次",
    "办理时间太长", "收费不合理", "设施老旧", "管理混乱", "服务跟不上", "标准太低",
    "宣传不到位", "覆盖面太小", "晚上尤其明显", "老人孩子受影响最大",
]  # fmt: skip
REQUESTS = [
    "建议尽快整改", "希望有关部门重视", "建议出台具体措施", "希望加大投入", "建议纳入明年计划",
    "希望学习外地经验", "建议定期检查", "希望公开进展", "建议多听群众意见", "希望早日解决",
]  # fmt: skip
OPENINGS = [
    "",
    "",
    "",
    "您好，",
    "建议：",
    "我是一名普通市民，",
    "作为一名老党员，",
    "反映一个问题，",
]


def make_text(rng: random.Random) -> str:
    area = rng.choice(REFERENCE_AREAS[:15])
    words = rng.sample(area.keywords, k=min(len(area.keywords), rng.randint(1, 3)))
    place = rng.choice(PLACES)
    clauses = [
        f"{place}{rng.choice(ROADS) if rng.random() < 0.3 else ''}的{words[0]}{rng.choice(PROBLEMS)}"
    ]
    for word in words[1:]:
        clauses.append(f"{word}方面{rng.choice(PROBLEMS)}")
    clauses.append(rng.choice(REQUESTS))
    if rng.random() < 0.4:
        clauses.append(f"特别是{rng.choice(words)}，{rng.choice(REQUESTS)}")
    return rng.choice(OPENINGS) + "，".join(clauses) + "。"


def make_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [make_text(rng) for _ in range(n)]


if __name__ == "__main__":
    for text in make_texts(8):
        print(text)
