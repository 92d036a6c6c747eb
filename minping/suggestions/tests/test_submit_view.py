from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from minping.suggestions.models import Area, PhoneCode, Suggestion

pytestmark = pytest.mark.django_db
URL = reverse("suggestions:submit")
TEXT = "建议在康巴什区图书馆周边增设公共停车位，周末停车非常困难，车辆乱停影响交通。"


def form_data(client, **overrides):
    page = client.get(URL)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.content.decode()).group(1)
    data = {
        "idempotency_key": key,
        "area": Area.objects.get(code="urban-governance").pk
        if Area.objects.filter(code="urban-governance").exists()
        else Area.objects.first().pk,
        "title": "关于图书馆周边停车的建议",
        "text": TEXT,
        "name": "测试市民",
        "age": "35",
        "phone": "19900004444",
        "work_unit": "",
    }
    data.update(overrides)
    return data


def send_code(client, data, outbox):
    client.post(URL, {**data, "send_code": "1"})
    return re.search(r"验证码是(\d{6})", outbox[-1].text).group(1)


def test_citizen_gets_a_code_by_sms_submits_and_lands_on_the_tracking_page(
    client, campaign, outbox
):
    data = form_data(client)
    response = client.post(URL, {**data, "send_code": "1"})
    assert "验证码已发送" in response.content.decode()
    assert "关于图书馆周边停车的建议" in response.content.decode()  # input kept
    code = re.search(r"验证码是(\d{6})", outbox[-1].text).group(1)
    response = client.post(URL, {**data, "code": code}, follow=True)
    suggestion = Suggestion.objects.get()
    assert response.redirect_chain[-1][0] == suggestion.get_absolute_url()
    page = response.content.decode()
    assert suggestion.number in page and "提交成功" in page
    assert "19900004444" not in page and "测试市民" not in page
    assert suggestion.phone.unseal() == "19900004444"
    assert PhoneCode.objects.get().used_at is not None


def test_a_double_click_files_one_suggestion(client, campaign, outbox):
    data = form_data(client)
    code = send_code(client, data, outbox)
    first = client.post(URL, {**data, "code": code})
    second = client.post(URL, {**data, "code": code})
    assert Suggestion.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_submitting_without_the_code_or_with_a_wrong_code_is_refused(client, campaign, outbox):
    data = form_data(client)
    response = client.post(URL, data)
    assert "请先获取并填写短信验证码" in response.content.decode()
    send_code(client, data, outbox)
    response = client.post(URL, {**data, "code": "000000"})
    assert Suggestion.objects.count() == 0
    assert "验证码不正确" in response.content.decode() or "请先获取" in response.content.decode()


def test_wrong_phone_numbers_get_a_clear_message(client, campaign, outbox):
    data = form_data(client, phone="1380000", title="")
    response = client.post(URL, {**data, "send_code": "1"})
    assert "请输入11位手机号码" in response.content.decode()
    assert "请填写标题" not in response.content.decode()  # only the phone matters here
    assert outbox == []


def test_a_second_code_within_a_minute_is_refused(client, campaign, outbox):
    data = form_data(client)
    client.post(URL, {**data, "send_code": "1"})
    response = client.post(URL, {**data, "send_code": "1"})
    assert "60秒后再试" in response.content.decode()
    assert len(outbox) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "请填写此项"), ("太短", "内容太短"), ("长" * 2500, "不能超过2000个字")],
)
def test_empty_short_and_huge_texts_are_refused_with_the_input_kept(
    client, campaign, outbox, text, message
):
    data = form_data(client, text=text)
    code = send_code(client, data, outbox)
    response = client.post(URL, {**data, "code": code})
    assert message in response.content.decode()
    assert "关于图书馆周边停车的建议" in response.content.decode()
    assert Suggestion.objects.count() == 0


def test_script_and_html_are_removed_and_only_the_words_are_kept(client, campaign, outbox):
    data = form_data(client, text=f"<script>alert('x')</script><b>{TEXT}</b><img src=x onerror=1>")
    code = send_code(client, data, outbox)
    response = client.post(URL, {**data, "code": code}, follow=True)
    suggestion = Suggestion.objects.get()
    assert suggestion.text == TEXT
    page = response.content.decode()
    assert "alert(" not in page and "网页代码已被去除" in page


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format=fmt)
    return buffer.getvalue()


def test_a_photo_is_checked_and_stored(client, campaign, outbox):
    data = form_data(client)
    code = send_code(client, data, outbox)
    photo = SimpleUploadedFile("a.png", _image("PNG"), content_type="image/png")
    client.post(URL, {**data, "code": code, "photos": [photo]})
    suggestion = Suggestion.objects.get()
    assert [(p.width, p.height) for p in suggestion.photos.all()] == [(40, 30)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.jpg", b"%PDF-1.4 not an image", "不是有效的图片"),
        ("scan.bmp", _image("BMP"), "格式不受支持"),
    ],
)
def test_unsupported_attachments_are_refused(client, campaign, outbox, name, content, message):
    data = form_data(client)
    code = send_code(client, data, outbox)
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = client.post(URL, {**data, "code": code, "photos": [upload]})
    assert message in response.content.decode()
    assert Suggestion.objects.count() == 0


def test_a_signed_in_representative_submits_without_a_code(client, personas, outbox):
    client.force_login(personas.representative)
    data = form_data(client)
    for field in ("name", "age", "phone", "work_unit"):
        data.pop(field)
    client.post(URL, data)
    suggestion = Suggestion.objects.get()
    assert suggestion.is_representative and suggestion.proposer == personas.representative
    assert suggestion.phone.unseal() == "13900000001"
    assert suggestion.channel == Suggestion.Channel.REPRESENTATIVE
    page = client.get(reverse("suggestions:index")).content.decode()
    assert "我提交的意见建议" in page and suggestion.number in page


def test_district_staff_type_a_paper_form_once(client, personas, outbox):
    client.force_login(personas.district)
    url = reverse("suggestions:enter")
    page = client.get(url).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    data = {
        "idempotency_key": key,
        "channel": "paper",
        "is_representative": "on",
        "name": "纸质表建议人",
        "age": "52",
        "phone": "19900005555",
        "area": Area.objects.first().pk,
        "title": "关于社区养老服务的建议",
        "text": "建议在社区增设老年食堂，方便独居老人就餐，并提供送餐上门服务。",
    }
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "未重复录入" in response.content.decode()
    suggestion = Suggestion.objects.get()
    assert suggestion.district == personas.district.district
    assert suggestion.entered_by == personas.district and suggestion.is_representative


def test_the_form_speaks_english_when_asked(client, campaign):
    client.cookies["django_language"] = "en"
    page = client.get(URL).content.decode()
    assert "Make a suggestion" in page and "Send me an SMS code" in page


def test_photos_lose_their_gps_data_and_are_shown_only_to_the_office_and_the_unit(
    client, clock, personas, outbox
):
    from minping.suggestions.actions import do_dispatch

    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x9286] = "taken at home"  # user comment
    Image.new("RGB", (40, 30), "blue").save(buffer, format="JPEG", exif=exif)
    data = form_data(client)
    code = send_code(client, data, outbox)
    upload = SimpleUploadedFile("gps.jpg", buffer.getvalue(), content_type="image/jpeg")
    client.post(URL, {**data, "code": code, "photos": [upload]})
    photo = Suggestion.objects.get().photos.get()
    with photo.image.open("rb") as handle:
        assert not Image.open(handle).getexif()
    do_dispatch(personas.office, photo.suggestion, kind="transfer", lead=personas.dept_a.department)
    url = reverse("suggestions:photo", args=[photo.pk])
    for persona, status in [("office", 200), ("dept_a", 200), ("dept_b", 404), ("citizen", 403)]:
        client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == status, persona
    client.logout()
    assert client.get(url).status_code == 302


def test_one_browser_cannot_request_codes_for_many_phones(client, campaign, outbox):
    data = form_data(client)
    for i in range(10):
        client.post(URL, {**data, "phone": f"1990000{i:04d}", "send_code": "1"})
    response = client.post(URL, {**data, "phone": "19900009999", "send_code": "1"})
    assert "获取验证码过于频繁" in response.content.decode()
    assert len(outbox) == 10


def test_guessing_the_code_stops_after_five_tries(client, campaign, outbox):
    data = form_data(client)
    code = send_code(client, data, outbox)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        client.post(URL, {**data, "code": wrong})
    response = client.post(URL, {**data, "code": code})
    assert "验证码错误次数过多" in response.content.decode()
    assert Suggestion.objects.count() == 0
