"""The candidate's printout and audio as they are made now: the page, and where their
cached PDF and clips are (for the candidate's routes and for removing their details)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from panels.audio import service as audio_service
from panels.common.pdf import (
    STYLESHEET,
    cache_folder,
    cache_key,
    stored_picture_url,
    symbol_file_url,
)
from panels.common.storage import fetch_many
from panels.invitations import content, queries
from panels.lib import filestore
from panels.lib.filestore import StoredObject
from panels.models import Invitation

# The blocks only this candidate's invitation has (their times and how it went): their
# Listen clips are theirs. Blocks every candidate shares stay in the cache.
OWN_BLOCKS = ("time", "length", "outcome")


def photo_files(invitation: Invitation) -> dict[str, str]:
    """File-store keys by photo key, for panel members who agreed to show their photo."""
    keys = queries.panel_photos(invitation)
    return {key: file for key, file in keys.items() if filestore.is_key(file)}


def print_page(invitation: Invitation) -> tuple[str, dict[str, StoredObject]]:
    """The print page's HTML and the stored pictures it shows."""
    facts = queries.facts_for(invitation)
    files = photo_files(invitation)
    # Rendered without the request's context processors (the menu): the same page from a
    # request and from the background worker, so the cache key is the same.
    html = current_app.jinja_env.get_template("invitations/print.html").render(
        blocks=content.blocks(facts),
        symbol_src=symbol_file_url,
        photo_src=lambda key: stored_picture_url(files.get(key, "")),
        listening=False,
    )
    return html, fetch_many(files.values())


def cached_files(invitation: Invitation) -> set[Path]:
    """Where the candidate's PDF and their own audio clips are cached, if made."""
    html, pictures = print_page(invitation)
    paths = {cache_folder() / f"{cache_key(html, STYLESHEET, pictures)}.pdf"}
    blocks = content.blocks(queries.facts_for(invitation))
    speaker = audio_service.speaker()
    texts = [content.whole_text(blocks)] + [b.text for b in blocks if b.key in OWN_BLOCKS]
    for text in texts:
        stem = speaker.cache_key(text)
        paths |= {speaker.cache_dir / f"{stem}.mp3", speaker.cache_dir / f"{stem}.wav"}
    return paths
