"""QR codes to scan with a tablet or a phone, drawn as inline SVG (no file, no script)."""

from __future__ import annotations

import segno
from flask import render_template
from markupsafe import Markup

from panels.models import SignInLink


def qr_svg(text: str, title: str, scale: int = 6) -> Markup:
    """The QR code of ``text`` (our own address), dark on white; ``title`` is its name."""
    code = segno.make(text, error="m")
    return Markup(  # noqa: S704  (segno writes the SVG from our own address)
        code.svg_inline(scale=scale, dark="#0b0c0c", light="#ffffff", title=title)
    )


def sign_in_link_page(template: str, url: str, link: SignInLink, **context) -> str:
    """A page that shows a one-time sign-in link: the address, its QR code, and for how
    many minutes it works."""
    minutes = int((link.expires_at - link.created_at).total_seconds() // 60)
    return render_template(
        template, url=url, qr_svg=qr_svg(url, "QR code to sign in"), minutes=minutes, **context
    )
