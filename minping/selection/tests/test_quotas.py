from __future__ import annotations

import pytest
from django.db.models import Sum
from django.urls import reverse

from minping.campaigns.models import Venue
from minping.selection.models import Quota
from minping.selection.quotas import Adjustment, adjustment_errors, rule_warnings

pytestmark = pytest.mark.django_db


def test_seeded_quotas_follow_the_seed_tables(seeded) -> None:
    per_session = Quota.objects.filter(campaign=seeded, session__number=1)
    main = per_session.filter(venue__kind="main").aggregate(n=Sum("count"))["n"]
    assert main == 100
    branch = dict(
        per_session.filter(venue__kind="branch")
        .values_list("venue__district__name")
        .annotate(n=Sum("count"))
    )
    assert branch == {
        "东胜区": 400,
        "康巴什区": 80,
        "达拉特旗": 230,
        "准格尔旗": 250,
        "伊金霍洛旗": 175,
        "乌审旗": 110,
        "杭锦旗": 75,
        "鄂托克旗": 115,
        "鄂托克前旗": 65,
    }
    assert (
        Quota.objects.get(
            session__number=2, venue__district__name="鄂托克旗", category__code="key-private"
        ).count
        == 15
    )


def test_seeding_twice_keeps_edited_counts(seeded) -> None:
    from minping.selection.actions import do_seed_quotas

    quota = Quota.objects.filter(campaign=seeded).first()
    assert quota is not None
    quota.count += 1
    quota.save()
    assert do_seed_quotas(None, seeded) == 0
    quota.refresh_from_db()
    assert quota.count == quota.seed_count + 1


def test_a_branch_may_move_ten_percent_but_must_keep_its_total() -> None:
    rows = [Adjustment(50, 55), Adjustment(50, 45)]
    assert adjustment_errors(rows, is_branch=True) == []
    assert adjustment_errors([Adjustment(50, 60), Adjustment(50, 40)], is_branch=True) == []
    assert adjustment_errors([Adjustment(50, 61), Adjustment(50, 39)], is_branch=True) == [
        "调整了11人，超过分会场合计人数的10%（10人）"
    ]
    assert adjustment_errors([Adjustment(50, 61), Adjustment(50, 39)], is_branch=False) == []
    assert adjustment_errors([Adjustment(50, 52), Adjustment(50, 50)], is_branch=True) == [
        "调整后合计102人，须保持方案人数100人"
    ]


def test_contradicting_rules_are_shown_as_warnings(seeded) -> None:
    warnings = rule_warnings(seeded)
    assert any("不低于80%" in w and "人大代表、政协委员共" in w for w in warnings)
    assert any("自愿报名" in w and "东胜区 方案18人、名额表15人" in w for w in warnings)
    assert any("各分会场每组共1400人" in w and "1500" in w for w in warnings)


def test_the_statistics_bureau_edits_a_branch_within_tolerance(seeded, personas, login) -> None:
    client = login(personas.statistics)
    venue = Venue.objects.get(campaign=seeded, district__name="康巴什区")
    url = reverse("selection:quota_edit", args=[1, venue.pk])
    quotas = list(Quota.objects.filter(session__number=1, venue=venue).order_by("-count", "pk"))
    data = {f"q{q.pk}": q.count for q in quotas}
    data[f"q{quotas[0].pk}"] -= 9  # 部门、镇村代表 10 → 1
    data[f"q{quotas[1].pk}"] += 9
    refused = client.post(url, data)
    assert "调整了9人，超过分会场合计人数的10%（8人）" in refused.content.decode()
    data[f"q{quotas[0].pk}"] += 1
    data[f"q{quotas[1].pk}"] -= 1
    saved = client.post(url, data)
    assert saved.status_code == 302
    quotas[1].refresh_from_db()
    assert quotas[1].count == quotas[1].seed_count + 8


def test_the_quota_page_shows_tables_warnings_and_feasibility(seeded, personas, login) -> None:
    page = login(personas.statistics).get(reverse("selection:quotas")).content.decode()
    assert "一、市级主会场" in page and "二、地区分会场" in page
    assert "规则冲突提示" in page
    assert "样本人数不足，不能抽样" in page
    assert "第1场 · 东胜区分会场 · 社区或村居民代表" in page


def test_quota_seeding_is_offered_when_none_exist(campaign, personas, login) -> None:
    client = login(personas.statistics)
    assert "按方案生成名额" in client.get(reverse("selection:quotas")).content.decode()
    client.post(reverse("selection:quota_seed"), {"confirm": "on"})
    assert Quota.objects.filter(campaign=campaign).aggregate(n=Sum("count"))["n"] == 4800


def test_the_seedquotas_command_is_safe_to_run_twice(campaign) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("seedquotas", year=campaign.year, stdout=out)
    call_command("seedquotas", stdout=out)
    assert out.getvalue().splitlines() == ["2025: 522 quotas created", "2025: 0 quotas created"]


def test_after_the_draw_the_quota_page_no_longer_runs_the_check(drawn, personas, login) -> None:
    page = login(personas.office).get(reverse("selection:quotas")).content.decode()
    assert "可行性检查" not in page and "调整名额" not in page


def test_the_feasibility_check_is_recomputed_when_a_quota_changes(ready) -> None:
    from minping.selection.engine import feasibility

    assert feasibility(ready) == []
    assert feasibility(ready) == []  # from the cache
    quota = Quota.objects.get(
        campaign=ready, session__number=1, venue__district__name="康巴什区", category__code="npc"
    )
    quota.count = 50
    quota.save()
    shortfalls = feasibility(ready)
    assert [s.kind for s in shortfalls] == ["seats"]
