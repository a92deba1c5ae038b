"""The ``recorder`` fixture: task kinds that record each run (see task_helpers)."""

from tests.integration.tasks.task_helpers import recorder  # noqa: F401
