"""Two-step sign-in's pure rules: app codes, replay, clock drift, recovery codes, sealing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from panels.auth import sealed, totp
from panels.auth.totp import Outcome

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = datetime(2026, 12, 1, 12, 0, 10)  # naive UTC, as stored
STEP = totp.step_at(NOW)


def test_a_step_is_thirty_seconds_of_unix_time():
    assert STEP == int(NOW.replace(tzinfo=UTC).timestamp()) // 30
    assert totp.step_at(NOW.replace(tzinfo=UTC)) == STEP
    assert totp.step_at(NOW + timedelta(seconds=30)) == STEP + 1


def test_the_code_of_now_is_right_and_says_its_step():
    code = pyotp.TOTP(SECRET).at(NOW.replace(tzinfo=UTC))
    assert totp.code_for(SECRET, STEP) == code
    assert totp.check_app_code(SECRET, code, NOW, None) == totp.Checked(Outcome.RIGHT, STEP)
    assert totp.check_app_code(SECRET, f" {code[:3]} {code[3:]} ", NOW, None).outcome == (
        Outcome.RIGHT
    )


@pytest.mark.parametrize("drift", [-1, 1])
def test_a_phone_one_step_early_or_late_is_right(drift):
    code = totp.code_for(SECRET, STEP + drift)
    assert totp.check_app_code(SECRET, code, NOW, None) == totp.Checked(Outcome.RIGHT, STEP + drift)


@pytest.mark.parametrize("drift", [-3, -2, 2, 3])
def test_a_code_further_off_is_wrong(drift):
    code = totp.code_for(SECRET, STEP + drift)
    assert totp.check_app_code(SECRET, code, NOW, None).outcome == Outcome.WRONG


def test_a_code_is_taken_once_and_older_ones_after_it_are_refused():
    code = totp.code_for(SECRET, STEP)
    assert totp.check_app_code(SECRET, code, NOW, STEP).outcome == Outcome.REUSED
    earlier = totp.code_for(SECRET, STEP - 1)
    assert totp.check_app_code(SECRET, earlier, NOW, STEP).outcome == Outcome.REUSED
    later = totp.code_for(SECRET, STEP + 1)
    assert totp.check_app_code(SECRET, later, NOW, STEP).outcome == Outcome.RIGHT


@pytest.mark.parametrize("text", ["", "12345", "1234567", "abcdef", "١٢٣٤٥٦", "12 34 5"])
def test_what_is_not_six_digits_is_not_a_code(text):
    assert totp.check_app_code(SECRET, text, NOW, None).outcome == Outcome.NOT_A_CODE


def test_a_wrong_six_digits_is_wrong():
    right = totp.code_for(SECRET, STEP)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    if wrong in {totp.code_for(SECRET, STEP + d) for d in (-1, 1)}:
        wrong = f"{(int(right) + 2) % 1_000_000:06d}"
    assert totp.check_app_code(SECRET, wrong, NOW, None).outcome == Outcome.WRONG


def test_a_new_secret_is_random_base32_and_grouped_for_typing():
    one, two = totp.new_secret(), totp.new_secret()
    assert one != two and len(one) == 32
    assert pyotp.TOTP(one).now().isdigit()
    assert totp.grouped("ABCDEFGHIJ") == "ABCD EFGH IJ"


def test_the_qr_address_names_panels_and_the_person():
    uri = totp.setup_uri(SECRET, "alex@example.org")
    assert uri.startswith("otpauth://totp/Panels:alex%40example.org?secret=" + SECRET)
    assert "issuer=Panels" in uri


def test_ten_recovery_codes_easy_to_type_and_all_different():
    codes = totp.new_recovery_codes()
    assert len(codes) == 10 == len(set(codes))
    for code in codes:
        assert len(code) == 11 and code[5] == "-"
        assert totp.looks_like_recovery_code(code)
        assert not set(code.replace("-", "")) & set("0o1li")


def test_a_recovery_code_works_once_and_only_its_hash_is_kept():
    codes = totp.new_recovery_codes()
    stored = totp.join_hashes(codes)
    assert all(code not in stored for code in codes)
    left = totp.use_recovery_code(stored, codes[3].upper().replace("-", " "))
    assert left is not None and len(totp.hashes_in(left)) == 9
    assert totp.use_recovery_code(left, codes[3]) is None  # replayed
    assert totp.use_recovery_code(left, codes[4]) is not None
    assert totp.use_recovery_code(stored, "abcde-fghjk") is None  # never one of them
    assert totp.use_recovery_code(stored, "not a code") is None
    assert totp.use_recovery_code("", codes[0]) is None


def test_sealed_secrets_open_only_with_the_same_key():
    box = sealed.seal("app key one", SECRET)
    assert SECRET not in box
    assert sealed.unseal("app key one", box) == SECRET
    with pytest.raises(sealed.Unreadable):
        sealed.unseal("another key", box)
    with pytest.raises(sealed.Unreadable):
        sealed.unseal("app key one", "damaged")
