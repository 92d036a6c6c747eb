from __future__ import annotations

import pytest

from minping.lib import pii
from minping.lib.pii import Vault, VaultError


def test_masks_for_id_numbers_phones_and_names():
    assert pii.mask_id_number("152701199001011234") == "1527**********1234"
    assert pii.mask_phone("13812345678") == "138****5678"
    assert pii.mask_phone("04778888888") == "047****8888"
    assert pii.mask_name("张三丰") == "张**"
    assert pii.mask_name("李四") == "李*"
    assert pii.mask_id_number("1234") == "****"


def test_vault_round_trip_is_randomised():
    vault = Vault([pii.generate_key()])
    first, second = vault.encrypt("13812345678"), vault.encrypt("13812345678")
    assert first != second
    assert "13812345678" not in first
    assert vault.decrypt(first) == vault.decrypt(second) == "13812345678"


def test_blind_index_matches_equal_values_and_differs_by_purpose_and_key():
    key = pii.generate_key()
    vault = Vault([key])
    assert vault.blind_index("138 1234 5678", "phone") == vault.blind_index("13812345678", "phone")
    assert vault.blind_index("13812345678", "phone") != vault.blind_index("13812345678", "id")
    assert Vault([pii.generate_key()]).blind_index("13812345678", "phone") != vault.blind_index(
        "13812345678", "phone"
    )
    assert vault.blind_index("15060219900101123x") == vault.blind_index("15060219900101123X")


def test_rotated_keys_still_decrypt_old_values():
    old, new = pii.generate_key(), pii.generate_key()
    token = Vault([old]).encrypt("秘密")
    assert Vault([new, old]).decrypt(token) == "秘密"
    with pytest.raises(VaultError):
        Vault([new]).decrypt(token)


def test_a_key_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError, match="32 bytes"):
        Vault(["c2hvcnQ="])
