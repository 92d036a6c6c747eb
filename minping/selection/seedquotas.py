"""The demo quotas, read off the seeds' tables (no people, only category names and counts).

- ``MAIN_VENUE``: seed 004, 附件3 一、市级主会场, per session (100).
- ``BRANCH``: seed 004, 附件3 二、地区分会场, per session, district order of
  ``campaigns.seeddata.DISTRICTS`` (400/80/230/250/175/110/75/115/65).
- ``VOLUNTEERS_2021``: seed 000, 自愿报名市民代表选聘方案: volunteers per session at each
  branch (18/4/11/12/8/5/4/5/3) and 5 at the main venue; it contradicts the 2023 table,
  which is shown as a warning, not silently resolved.
- ``NPC_CPPCC_MIN_SHARE``: seed 004 (2023): 市民代表中人大代表、政协委员的比例不低于80%.

The main venue table merges some categories that the branch table and the frames keep
apart; the merged rows are split here (documented in docs/selection.md):
党代表、人大代表、政协委员代表 10 → 党代表 3 + 人大代表 4 + 政协委员 3;
行业协会、商会、中介机构代表 5 → 行业协会、商会 3 + 中介机构 2.
"""

from __future__ import annotations

# Categories of the main-venue table that are missing from campaigns.seeddata.CATEGORIES:
# code, name, kind. Created for a campaign when its quotas are seeded.
EXTRA_CATEGORIES: list[tuple[str, str, str]] = [
    ("expert", "第三方督查评议专家代表", "society"),
    ("central-enterprise", "中央、自治区驻鄂单位企业代表", "service"),
    ("city-enterprise", "市属企业代表", "service"),
    ("district-dept", "旗县区部门代表", "service"),
    ("hotline-reviewer", "行风热线在线点评员代表", "society"),
    ("hotline-monitor", "政务服务热线义务监督员代表", "society"),
    ("media", "媒体代表", "society"),
]

MAIN_VENUE: dict[str, int] = {
    "party-congress": 3,
    "npc": 4,
    "cppcc": 3,
    "democratic": 5,
    "expert": 5,
    "researcher": 4,
    "central-enterprise": 4,
    "hotline-reviewer": 2,
    "district-dept": 9,
    "hotline-monitor": 2,
    "association": 3,
    "intermediary": 2,
    "community": 10,
    "key-project": 10,
    "public-inst": 6,
    "city-enterprise": 5,
    "self-employed": 4,
    "key-private": 5,
    "media": 3,
    "small-micro": 6,
    "volunteer": 5,
}

# District order: 东胜区 康巴什区 达拉特旗 准格尔旗 伊金霍洛旗 乌审旗 杭锦旗 鄂托克旗 鄂托克前旗
BRANCH_DISTRICTS = [
    "东胜区",
    "康巴什区",
    "达拉特旗",
    "准格尔旗",
    "伊金霍洛旗",
    "乌审旗",
    "杭锦旗",
    "鄂托克旗",
    "鄂托克前旗",
]
BRANCH: dict[str, list[int]] = {
    "community": [30, 5, 25, 15, 15, 10, 5, 10, 4],
    "key-project": [30, 5, 15, 15, 10, 10, 5, 10, 4],
    "key-private": [30, 5, 15, 20, 15, 10, 5, 15, 5],
    "small-micro": [20, 5, 10, 15, 10, 5, 5, 5, 4],
    "self-employed": [15, 4, 10, 10, 6, 8, 4, 8, 4],
    "new-citizen": [20, 5, 15, 10, 9, 5, 5, 5, 3],
    "dept-town": [45, 10, 22, 30, 19, 11, 10, 11, 10],
    "public-inst": [15, 4, 15, 10, 6, 4, 4, 4, 4],
    "association": [30, 5, 8, 20, 13, 7, 4, 7, 4],
    "intermediary": [10, 2, 5, 5, 4, 2, 2, 2, 2],
    "volunteer": [15, 4, 10, 10, 6, 4, 4, 4, 4],
    "party-congress": [30, 5, 15, 20, 13, 7, 4, 7, 3],
    "npc": [30, 5, 15, 20, 13, 7, 4, 7, 3],
    "cppcc": [30, 5, 15, 20, 13, 7, 4, 7, 3],
    "democratic": [30, 5, 20, 15, 13, 7, 4, 7, 3],
    "mass-org": [10, 4, 10, 10, 6, 4, 4, 4, 3],
    "researcher": [10, 2, 5, 5, 4, 2, 2, 2, 2],
}
BRANCH_TOTALS = [400, 80, 230, 250, 175, 110, 75, 115, 65]
MAIN_TOTAL = 100
# Seed 000's text says the branches take 1,400 per session ("各分会场每组共1400人"), yet its
# own per-district list (and seed 004's table) add up to 1,500: shown as a warning.
STATED_BRANCH_TOTAL = 1400

VOLUNTEERS_2021_MAIN = 5
VOLUNTEERS_2021: dict[str, int] = dict(
    zip(BRANCH_DISTRICTS, [18, 4, 11, 12, 8, 5, 4, 5, 3], strict=True)
)
NPC_CPPCC_MIN_SHARE = 80  # percent, seed 004 (2023)
NPC_CPPCC_CODES = ("npc", "cppcc")
BRANCH_TOLERANCE = 10  # percent of a branch's session total that may be moved (seed 000)

# Who builds which frame (seed 000, 部门选聘市民代表类别及人数): category → department.
# Categories not listed here are built by the statistics bureau.
RESPONSIBLE_DEPARTMENTS: dict[str, str] = {
    "key-project": "市发展和改革委员会",
    "central-enterprise": "市工业和信息化局",
    "small-micro": "市工业和信息化局",
    "city-enterprise": "市国有资产监督管理委员会",
    "maker": "市科学技术局",
    "researcher": "市科学技术局",
    "community": "市民政局",
    "self-employed": "市市场监督管理局",
    "new-citizen": "市公安局",
}

# Reserves (备选) drawn per stratum: seed 000 asks for "适当增加人数作为备选代表".
RESERVE_SHARE = 20  # percent of the seats, at least one
