"""minping/lib/sms.py: the console backend logs no body and no full phone; locmem keeps messages."""

from __future__ import annotations

import logging

from minping.lib import sms


def test_the_console_backend_logs_a_masked_phone_and_the_length_but_never_the_body(
    settings, caplog
):
    settings.MINPING_SMS_BACKEND = "minping.lib.sms.ConsoleBackend"
    with caplog.at_level(logging.INFO, logger="minping.sms"):
        sms.send("19912345678", "您的验证码是123456")
    assert "199****5678" in caplog.text and "(12 characters)" in caplog.text
    assert "123456" not in caplog.text and "验证码" not in caplog.text
    assert "19912345678" not in caplog.text


def test_the_demo_console_shows_the_body_for_synthetic_people_but_masks_the_phone(settings, caplog):
    settings.MINPING_SMS_BACKEND = "minping.lib.sms.DemoConsoleBackend"
    with caplog.at_level(logging.INFO, logger="minping.sms"):
        sms.send("19912345678", "您的验证码是123456")
    assert "您的验证码是123456" in caplog.text and "19912345678" not in caplog.text


def test_the_locmem_backend_keeps_messages_for_tests(outbox):
    sms.send("19912345678", "你好")
    assert outbox == [sms.Message("19912345678", "你好")]


def test_no_sms_goes_to_an_empty_number_or_a_landline(outbox):
    assert sms.send("", "您的意见建议已收到") is False
    assert sms.send("0477-8581234", "您的意见建议已收到") is False
    assert sms.send("+86 199 1234 5678", "您的意见建议已收到") is True
    assert [m.phone for m in outbox] == ["+86 199 1234 5678"]
