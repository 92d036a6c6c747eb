"""Role x view matrix for every accounts page."""

from __future__ import annotations

from django.urls import reverse

ALL_LOGGED_IN = {
    "office", "reviewer", "dept_a", "dept_b", "statistics", "district", "tallier",
    "supervisor", "representative", "citizen", "outsider",
}  # fmt: skip


def test_account_administration_is_for_the_office_only(access_matrix, personas):
    pk = personas.dept_a.pk
    for url in [
        reverse("accounts:user_list"),
        reverse("accounts:user_create"),
        reverse("accounts:user_import"),
        reverse("accounts:user_export"),
        reverse("accounts:user_detail", args=[pk]),
        reverse("accounts:user_edit", args=[pk]),
    ]:
        access_matrix(url, allowed={"office"})


def test_account_writes_are_refused_to_everyone_but_the_office(client, personas):
    from minping.accounts.actions import do_create_user

    target = do_create_user(None, username="target", password="x", role="citizen")
    urls = [
        reverse(f"accounts:{n}", args=[target.pk])
        for n in ("user_set_active", "user_reset_password")
    ]
    for url in urls:
        for persona, user in personas.all().items():
            if persona == "office":
                continue
            client.force_login(user)
            assert client.post(url).status_code == 403, f"{persona} {url}"
    target.refresh_from_db()
    assert target.is_active and not target.must_change_password
    client.force_login(personas.office)
    for url in urls:
        assert client.post(url).status_code in (200, 302)
    target.refresh_from_db()
    assert not target.is_active and target.must_change_password


def test_import_downloads_are_for_the_office_only(client, personas):
    for name in ["user_import_template", "user_import_problems", "user_import_passwords"]:
        url = reverse(f"accounts:{name}")
        for persona, user in personas.all().items():
            if persona == "office":
                continue
            client.force_login(user)
            assert client.get(url).status_code == 403, f"{persona} {name}"


def test_audit_log_is_for_office_and_supervisor(access_matrix):
    access_matrix(reverse("accounts:audit_log"), allowed={"office", "supervisor"})


def test_pii_log_is_for_the_supervisor(access_matrix):
    access_matrix(reverse("accounts:pii_log"), allowed={"supervisor"})


def test_dashboard_and_password_change_are_for_everyone_logged_in(access_matrix):
    access_matrix(reverse("accounts:dashboard"), allowed=ALL_LOGGED_IN)
    access_matrix(reverse("accounts:password_change"), allowed=ALL_LOGGED_IN)


def test_revealing_a_phone_is_for_the_office_only(client, personas):
    from minping.accounts.models import PiiAccess

    url = reverse("accounts:user_reveal_phone", args=[personas.representative.pk])
    for persona, user in personas.all().items():
        if persona == "office":
            continue
        client.force_login(user)
        assert client.post(url, {"purpose": "x"}).status_code == 403, persona
    assert not PiiAccess.objects.exists()
