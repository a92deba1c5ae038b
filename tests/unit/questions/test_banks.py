"""Question banks: shipped files are valid; bad files give the right file, line and reason."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from panels.lib import symbols
from panels.questions import banks
from panels.questions.banks import (
    BankError,
    BankInvalid,
    load_bank,
    validate_bank_file,
    validate_folder,
)

SHIPPED = banks.shipped_folder()

GOOD = """\
key: test-bank
title: Test bank
description: Questions for a test.
questions:
  - key: first
    easy_read: Why do you want this job?
    standard: Why have you applied for this role?
    picture: "1F91D"
    good_answer:
      - They give a real reason.
      - They care about people.
    answer_minutes: 3
  - key: second
    easy_read: How do you listen to people?
    standard: How do you practise active listening?
    picture: "1F442"
    follow_up: Can you tell us more?
    good_answer:
      - They take their time.
      - They ask what the person wants.
    answer_minutes: 2.5
    tags: [listening]
"""


def write(tmp_path: Path, text: str, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only_error(path: Path) -> BankError:
    errors = validate_bank_file(path, easy_read=False)
    assert len(errors) == 1, [str(e) for e in errors]
    assert errors[0].file == str(path)
    return errors[0]


# --- shipped banks -----------------------------------------------------------------


def shipped_files() -> list[Path]:
    return sorted(SHIPPED.glob("*.yaml"))


def test_there_are_at_least_three_shipped_banks():
    assert len(shipped_files()) >= 3


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.stem)
def test_shipped_bank_validates_with_zero_errors(path: Path):
    assert [str(e) for e in validate_bank_file(path)] == []


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.stem)
def test_shipped_bank_has_enough_questions_and_real_pictures(path: Path):
    bank = load_bank(path)
    assert bank.key == path.stem
    assert len(bank.questions) >= 12
    for question in bank.questions:
        assert symbols.exists(question.picture), question.key
        assert question.answer_minutes >= 1 and question.answer_minutes <= 15
        assert 2 <= len(question.good_answer) <= 4


def test_shipped_folder_validates_and_loads():
    assert validate_folder(SHIPPED) == []
    loaded = banks.load_banks(SHIPPED)
    assert [b.key for b in loaded] == sorted(p.stem for p in shipped_files())


def test_shipped_banks_are_checked_for_easy_read():
    assert banks.easy_read_available(), "panels.lib.easyread must be importable"


# --- a good file loads into dataclasses --------------------------------------------


def test_good_bank_loads(tmp_path: Path):
    path = write(tmp_path, GOOD)
    bank = load_bank(path, easy_read=False)
    assert bank.key == "test-bank" and bank.path == path
    first, second = bank.questions
    assert first.follow_up is None and first.tags == ()
    assert first.good_answer == ("They give a real reason.", "They care about people.")
    assert second.answer_minutes == 2.5 and second.tags == ("listening",)
    assert bank.question("second") is second and bank.question("nope") is None


def test_folded_text_is_joined_into_single_spaces(tmp_path: Path):
    path = write(
        tmp_path,
        GOOD.replace(
            "easy_read: Why do you want this job?",
            "easy_read: >\n      Why do you want this job?\n      Tell us.\n",
        ),
    )
    assert load_bank(path, easy_read=False).questions[0].easy_read == (
        "Why do you want this job? Tell us."
    )


def test_error_string_is_file_line_reason():
    assert str(BankError("a.yaml", 7, "bad")) == "a.yaml:7: bad"


# --- bad files: right line and reason ----------------------------------------------


def test_missing_field_points_at_the_question(tmp_path: Path):
    path = write(tmp_path, GOOD.replace('    picture: "1F442"\n', ""))
    err = only_error(path)
    assert err.line == 13  # "  - key: second"
    assert "missing required field 'picture'" in err.reason
    assert "question 2" in err.reason


def test_missing_bank_field(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("title: Test bank\n", ""))
    err = only_error(path)
    assert err.line == 1 and "missing required field 'title'" in err.reason


def test_unknown_field_points_at_the_field_and_suggests(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("    answer_minutes: 3\n", "    answer_minute: 3\n"))
    errors = validate_bank_file(path, easy_read=False)
    reasons = {e.line: e.reason for e in errors}
    assert "unknown field 'answer_minute'" in reasons[12]
    assert "did you mean 'answer_minutes'" in reasons[12]
    assert any("missing required field 'answer_minutes'" in r for r in reasons.values())


def test_picture_not_in_openmoji(tmp_path: Path):
    path = write(tmp_path, GOOD.replace('"1F442"', '"1F0000"'))
    err = only_error(path)
    assert err.line == 16
    assert "'1F0000' is not in the installed OpenMoji pictures" in err.reason


@pytest.mark.parametrize("bad", ['"../../etc/passwd"', '"1f91d"', '"1F91D.svg"'])
def test_picture_that_is_not_a_code(tmp_path: Path, bad: str):
    path = write(tmp_path, GOOD.replace('"1F442"', bad))
    err = only_error(path)
    assert err.line == 16 and "is not an OpenMoji code" in err.reason


def test_unquoted_number_picture_asks_for_quotes(tmp_path: Path):
    path = write(tmp_path, GOOD.replace('"1F442"', "2753"))
    err = only_error(path)
    assert err.line == 16 and 'must be in quotes, like "2753"' in err.reason


def test_duplicate_question_key(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("key: second", "key: first"))
    err = only_error(path)
    assert err.line == 13
    assert "key used twice (first on line 5)" in err.reason


def test_field_twice_in_one_question(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("    answer_minutes: 3\n", "    answer_minutes: 3\n" * 2))
    err = only_error(path)
    assert err.line == 13 and "field 'answer_minutes' appears twice" in err.reason


def test_yaml_syntax_error_has_its_line(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("    standard: How do you practise", "  standard: [How do"))
    errors = validate_bank_file(path, easy_read=False)
    assert len(errors) == 1
    assert errors[0].reason.startswith("YAML syntax error")
    assert 15 <= errors[0].line <= 17


def test_unclosed_quote_is_a_syntax_error(tmp_path: Path):
    path = write(tmp_path, GOOD.replace('picture: "1F91D"', 'picture: "1F91D'))
    (err,) = validate_bank_file(path, easy_read=False)
    assert err.reason.startswith("YAML syntax error") and err.line >= 8


@pytest.mark.parametrize(
    ("old", "new", "line", "reason"),
    [
        ("answer_minutes: 3\n", "answer_minutes: three\n", 12, "must be a number, not text"),
        ("answer_minutes: 3\n", "answer_minutes: yes\n", 12, "must be a number, not yes/no"),
        ("answer_minutes: 3\n", "answer_minutes: 20\n", 12, "is 20: it must be from 1 to 15"),
        ("answer_minutes: 3\n", "answer_minutes: 0\n", 12, "must be from 1 to 15"),
        ("easy_read: Why do you want this job?", "easy_read: 42", 6, "must be text, not a number"),
        (
            "easy_read: Why do you want this job?",
            "easy_read: [a, b]",
            6,
            "must be a single value, not a list",
        ),
        ("good_answer:\n      - They give", "good_answer: They give", 9, "must be a list"),
        ("tags: [listening]", "tags: listening", 22, "tags must be a list"),
        ("tags: [listening]", "tags: [Big Tag]", 22, "must use only small letters"),
        ("key: first", "key: First Question", 5, "must use only small letters"),
    ],
)
def test_wrong_types(tmp_path: Path, old: str, new: str, line: int, reason: str):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    errors = validate_bank_file(path, easy_read=False)
    assert any(e.line == line and reason in e.reason for e in errors), [str(e) for e in errors]


def test_empty_text(tmp_path: Path):
    old = "standard: How do you practise active listening?"
    path = write(tmp_path, GOOD.replace(old, 'standard: "  "'))
    err = only_error(path)
    assert err.line == 15 and err.reason == "question 'second' standard is empty"


def test_null_text_is_empty(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("follow_up: Can you tell us more?", "follow_up:"))
    err = only_error(path)
    assert err.line == 17 and "follow_up is empty" in err.reason


def test_huge_text(tmp_path: Path):
    huge = "Tell us more. " * 40
    path = write(tmp_path, GOOD.replace("How do you listen to people?", huge.strip()))
    err = only_error(path)
    assert err.line == 14
    assert "easy_read is too long: 559 characters, limit 400" in err.reason


def test_too_many_good_answer_points(tmp_path: Path):
    extra = "      - They smile.\n" * 4
    path = write(tmp_path, GOOD.replace("      - They care about people.\n", extra, 1))
    err = only_error(path)
    assert err.line == 10 and "has 5 points: give 2 to 4" in err.reason


def test_questions_must_not_be_empty(tmp_path: Path):
    path = write(tmp_path, GOOD[: GOOD.index("questions:")] + "questions: []\n")
    err = only_error(path)
    assert err.line == 4 and "at least 1 question" in err.reason


def test_top_level_must_be_mapping(tmp_path: Path):
    path = write(tmp_path, "- just\n- a list\n")
    err = only_error(path)
    assert err.line == 1 and "must be a set of fields" in err.reason


def test_empty_file(tmp_path: Path):
    path = write(tmp_path, "# nothing here\n")
    assert only_error(path).reason == "the file is empty"


def test_python_tags_are_refused_not_run(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("Test bank", "!!python/object/apply:os.system [echo hi]"))
    errors = validate_bank_file(path, easy_read=False)
    assert errors and errors[0].line == 2


def test_load_bank_raises_with_all_errors(tmp_path: Path):
    path = write(tmp_path, GOOD.replace("key: second", "key: first").replace('"1F442"', '"FFFF"'))
    with pytest.raises(BankInvalid) as info:
        load_bank(path, easy_read=False)
    assert len(info.value.errors) == 2
    assert f"{path}:13:" in str(info.value) and f"{path}:16:" in str(info.value)


def test_folder_reports_each_file_and_repeated_bank_keys(tmp_path: Path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    write(tmp_path, GOOD.replace("key: test-bank", "key: other").replace("3\n", "99\n"), "c.yml")
    (tmp_path / "notes.txt").write_text("not a bank")
    errors = validate_folder(tmp_path, easy_read=False)
    assert [(Path(e.file).name, e.line) for e in errors] == [("b.yaml", 1), ("c.yml", 12)]
    assert "bank key 'test-bank' is also used in a.yaml" in errors[0].reason
    with pytest.raises(BankInvalid):
        banks.load_banks(tmp_path, easy_read=False)


def test_hard_easy_read_text_is_flagged(tmp_path: Path):
    hard = (
        "Please demonstrate how you would utilise your considerable expertise to facilitate "
        "the implementation of person-centred methodologies within a multidisciplinary team."
    )
    path = write(tmp_path, GOOD.replace("How do you listen to people?", hard))
    errors = validate_bank_file(path)
    assert errors, "the easy-read checker should flag this text"
    assert all(e.line == 14 and "easy_read is not easy-read" in e.reason for e in errors)
    assert validate_bank_file(path, easy_read=False) == []


def test_easy_read_problem_points_at_its_line_in_folded_text(tmp_path: Path):
    folded = (
        "easy_read: >\n"
        "      How do you listen to people?\n"
        "      Please demonstrate your listening.\n"
    )
    path = write(tmp_path, GOOD.replace("easy_read: How do you listen to people?\n", folded))
    errors = validate_bank_file(path)
    assert errors and all(e.line == 16 for e in errors), [str(e) for e in errors]
    assert any("demonstrate" in e.reason for e in errors)
