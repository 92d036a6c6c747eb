"""The office assigns, changes and removes reviewer scopes."""

from __future__ import annotations

from django.urls import reverse

from minping.departments.models import ReviewerScope


def test_office_assigns_a_desk_portfolio_then_removes_it(login, personas, campaign) -> None:
    client = login(personas.office)
    url = reverse("departments:scopes")
    a, b = personas.dept_a.department, personas.dept_b.department
    client.post(
        url, {"reviewer": personas.reviewer.pk, "kind": "desk", "departments": [a.pk, b.pk]}
    )
    assert set(ReviewerScope.objects.values_list("department", flat=True)) == {a.pk, b.pk}
    client.post(url, {"reviewer": personas.reviewer.pk, "kind": "desk", "departments": [b.pk]})
    assert list(ReviewerScope.objects.values_list("department", flat=True)) == [b.pk]
    client.post(url, {"reviewer": personas.reviewer.pk, "kind": "desk", "remove": "on"})
    assert not ReviewerScope.objects.exists()


def test_desk_scope_needs_a_department(login, personas, campaign) -> None:
    response = login(personas.office).post(
        reverse("departments:scopes"), {"reviewer": personas.reviewer.pk, "kind": "desk"}
    )
    assert "政务科室审核须至少选择一个部门" in response.content.decode()


def test_publicity_scope_without_departments_covers_all(login, personas, campaign) -> None:
    login(personas.office).post(
        reverse("departments:scopes"), {"reviewer": personas.reviewer.pk, "kind": "publicity"}
    )
    scope = ReviewerScope.objects.get()
    assert scope.kind == "publicity" and scope.department is None
