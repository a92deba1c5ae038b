"""The questions blueprint. Its pages live in one module per job:

- ``views_edit``: the list, the editor with easy-read advice, the order, the banks;
- ``views_marking``: one question, everyone's marks, suggested words, meeting decisions;
- ``views_pictures``: symbols and photos;
- ``views_sheet``: practising my questions, the printed sheet and its PDF.
"""

from __future__ import annotations

from flask import Blueprint

from panels.questions import (
    views_edit,
    views_marking,
    views_pictures,
    views_sheet,
)

bp = Blueprint("questions", __name__)
for _pages in (views_edit, views_marking, views_pictures, views_sheet):
    _pages.routes.register(bp)
