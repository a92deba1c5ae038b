"""Static files are well formed: a lost brace silently drops every rule after it."""

from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[3] / "static"


@pytest.mark.parametrize("path", sorted(STATIC.rglob("*.css")), ids=lambda p: p.name)
def test_css_braces_balance(path):
    depth = 0
    text = path.read_text()
    for number, line in enumerate(text.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{path.name}:{number}: a }} with no {{"
        if line.startswith("/*"):
            assert depth == 0, f"{path.name}:{number}: a block is still open here"
    assert depth == 0, f"{path.name}: {depth} block(s) never closed"
