"""minping/lib/codes.py: printed codes that catch a typo before any lookup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from minping.lib import codes

bodies = st.text(alphabet=codes.ALPHABET, min_size=4, max_size=12)


def test_a_fresh_code_is_well_formed_and_uses_only_unambiguous_symbols():
    code = codes.checked_code(11)
    assert len(code) == 12 and codes.is_well_formed(code, 11)
    assert not set(code) & set("01OIL")


@given(bodies, st.data())
def test_one_mistyped_symbol_is_caught(body, data):
    code = body + codes.check_symbol(body)
    i = data.draw(st.integers(0, len(code) - 1))
    wrong = data.draw(st.sampled_from(codes.ALPHABET).filter(lambda c: c != code[i]))
    assert not codes.is_well_formed(code[:i] + wrong + code[i + 1 :], len(body))


@given(bodies, st.data())
def test_two_swapped_neighbours_in_the_body_are_caught(body, data):
    i = data.draw(st.integers(0, len(body) - 2))
    swapped = body[:i] + body[i + 1] + body[i] + body[i + 2 :]
    if swapped != body:
        assert not codes.is_well_formed(swapped + codes.check_symbol(body), len(body))


def test_typed_codes_are_normalised_and_printed_in_groups():
    assert codes.normalize("abcd-efgh jk") == "ABCDEFGHJK"
    assert codes.pretty("ABCDEFGHJK", 4) == "ABCD-EFGH-JK"


def test_the_receipt_key_is_a_keyed_hash(settings):
    first = codes.keyed_digest("ABCD")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert codes.keyed_digest("ABCD") != first and len(first) == 64
