"""Fixtures of this folder: ``recorder`` (task kinds that record each run) and
``app_servers`` (N app server processes and the worker; see tests/servers.py)."""

from tests.integration.tasks.task_helpers import recorder  # noqa: F401
from tests.servers import app_servers  # noqa: F401
