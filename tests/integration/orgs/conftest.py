"""The two organisations the organisation tests start from."""

from __future__ import annotations

import pytest

from panels.db import db
from tests.conftest import one_rolled_back_transaction
from tests.integration.orgs_helpers import two_organisations


@pytest.fixture(scope="module")
def shared_world(app):
    """Built once for a module that asks for it, in one rolled-back transaction; each test
    runs in a savepoint rolled back after it (as tests/conftest.py's shared_world)."""
    with one_rolled_back_transaction(app):
        with app.app_context():
            ids = two_organisations()
            db.session.remove()
        yield ids
