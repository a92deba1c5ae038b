"""Pure libraries shared by areas: no Flask, no SQLAlchemy, no panels.models."""
