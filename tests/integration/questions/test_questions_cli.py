"""flask check-banks: 0 and a count when fine; file:line: reason and non-zero when not."""

from __future__ import annotations

import shutil

from panels.questions.banks import shipped_folder


def test_shipped_banks_are_fine(app):
    result = app.test_cli_runner().invoke(args=["check-banks"])
    assert result.exit_code == 0, result.output
    assert "3 banks, 41 questions: all fine." in result.output


def test_a_bad_bank_gives_file_line_and_reason(app, tmp_path):
    shutil.copy(shipped_folder() / "support-worker.yaml", tmp_path / "good.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "key: bad-bank\n"
        "title: Bad\n"
        "description: A bank with problems.\n"
        "questions:\n"
        "  - key: one\n"
        "    easy_read: Why do you want this job?\n"
        '    picture: "NOPE"\n'
        "    good_answer: [They care., They say why.]\n"
        "    answer_minutes: 3\n",
        encoding="utf-8",
    )
    result = app.test_cli_runner().invoke(args=["check-banks", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{bad}:5: question 1: missing required field 'standard'" in lines
    assert any(line.startswith(f"{bad}:7: ") and "OpenMoji" in line for line in lines)
    assert not any(line.startswith(str(tmp_path / "good.yaml")) for line in lines)


def test_missing_or_empty_folder_fails(app, tmp_path):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["check-banks", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(args=["check-banks", str(tmp_path)]).exit_code == 1
