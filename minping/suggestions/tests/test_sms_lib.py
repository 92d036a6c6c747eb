"""minping/lib/sms.py: the console backend never logs a full phone; locmem keeps messages."""

from __future__ import annotations

import logging

from minping.lib import sms


def test_the_console_backend_logs_the_message_with_the_phone_masked(settings, caplog):
    settings.MINPING_SMS_BACKEND = "minping.lib.sms.ConsoleBackend"
    with caplog.at_level(logging.INFO, logger="minping.sms"):
        sms.send("19912345678", "您的验证码是123456")
    assert "199****5678" in caplog.text and "您的验证码是123456" in caplog.text
    assert "19912345678" not in caplog.text


def test_the_locmem_backend_keeps_messages_for_tests(outbox):
    sms.send("19912345678", "你好")
    assert outbox == [sms.Message("19912345678", "你好")]
