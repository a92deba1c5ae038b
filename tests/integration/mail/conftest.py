"""Fixtures of this folder: ``smtp``, a real SMTP server on loopback (aiosmtpd)."""

from tests.integration.mail_helpers import smtp  # noqa: F401
