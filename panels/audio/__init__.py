"""Read-aloud clips: made on demand, kept in MEDIA_DIR/audio, pruned by command."""

from __future__ import annotations

from panels.common.areas import Area


def area() -> Area:
    """What this area brings to the app (imported only when the app is built)."""
    from panels.audio import cli, service, views

    return Area(
        name="audio",
        blueprint=views.bp,
        register_cli=cli.register,
        template_globals={"listen_url": service.listen_url},
    )
