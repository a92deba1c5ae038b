"""Panels: co-produced recruitment."""


def create_app(config=None):
    """Build the Flask app (see panels.app.create_app)."""
    from panels.app import create_app as _create_app

    return _create_app(config)
