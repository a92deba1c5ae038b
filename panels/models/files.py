"""Files people upload (photos, question pictures), kept in the database.

This is the default file store (``panels.common.storage.DatabaseStore``); with S3-compatible
object storage configured the bytes live there instead and this table stays empty. The row
that owns a file (``User.photo``, ``Question.photo``) holds its key.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from panels.db import Model
from panels.lib import limits
from panels.models.base import utcnow


class StoredFile(Model):
    __tablename__ = "stored_file"

    key: Mapped[str] = mapped_column(String(limits.FILE_KEY), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(limits.CONTENT_TYPE))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
