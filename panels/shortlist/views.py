"""The shortlist blueprint. Its pages live in one module per part:

- ``views_matters``: what matters to us (the job in short, the qualities), agreed together;
- ``views_apply``: the public job page and its application form;
- ``views_applications``: the coordinator's applications (with names), paper and CSV;
- ``views_review``: reading applications without names, scoring them, the shortlist.
"""

from __future__ import annotations

from flask import Blueprint

from panels.shortlist import views_applications, views_apply, views_matters, views_review

bp = Blueprint("shortlist", __name__)
for _pages in (views_matters, views_apply, views_applications, views_review):
    _pages.routes.register(bp)
