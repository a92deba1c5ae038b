"""A CSV file sent on an import form, read the one way both imports use: the candidates'
(``panels.candidates.views``) and the applications' (``panels.shortlist``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from panels.candidates.candidate_csv import CandidateCsvError
from panels.common.forms import add_error

Row = TypeVar("Row")


def problems_message(problems: list[str]) -> str:
    return (
        f"The file has {len(problems)} problem{'s' if len(problems) != 1 else ''}. "
        "Nothing was added. Fix the rows below and upload it again."
    )


def read_csv_upload(
    field, parse: Callable[[bytes], list[Row]]
) -> tuple[list[Row] | None, list[str]]:
    """The rows of the file sent in ``field`` through ``parse`` (which raises
    CandidateCsvError listing every problem), and the problems listed by row.

    The rows are None when no file was chosen or the file has problems: the message is
    then beside the field, and nothing is to be added.
    """
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        add_error(field, "Choose a CSV file to upload")
        return None, []
    try:
        return parse(upload.read()), []
    except CandidateCsvError as error:
        add_error(field, problems_message(error.problems))
        return None, error.problems
