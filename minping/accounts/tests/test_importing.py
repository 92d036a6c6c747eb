from __future__ import annotations

import pytest

from minping.accounts.importing import role_from_label
from minping.accounts.models import Role


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("部门工作人员", Role.DEPARTMENT),
        ("旗区工作人员", Role.DISTRICT),
        ("联席会议办公室", Role.OFFICE),
        ("监督检查组", Role.SUPERVISOR),
        (" 市民代表 ", Role.REPRESENTATIVE),
        ("department", Role.DEPARTMENT),
        ("部门", Role.DEPARTMENT),
        ("统计局", Role.STATISTICS),
        ("第三方", Role.TALLIER),
    ],
)
def test_roles_are_read_from_their_chinese_labels_and_short_forms(label, role):
    assert role_from_label(label) == role


def test_an_unknown_role_is_not_guessed():
    assert role_from_label("局长") is None
    assert role_from_label("") is None
