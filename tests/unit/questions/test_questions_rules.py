"""The equal agreement rule, text checks that stop a save, and photo cleaning."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from panels.lib import photos
from panels.questions import text as text_rules
from panels.questions.agreement import status_for, tally


def test_agreed_only_when_everyone_marks_keep():
    assert status_for({1: "keep", 2: "keep"}, [1, 2, 3]) == "draft"
    assert status_for({1: "keep", 2: "keep", 3: "keep"}, [1, 2, 3]) == "agreed"
    assert status_for({1: "keep", 2: "change", 3: "keep"}, [1, 2, 3]) == "draft"


def test_removed_only_when_everyone_marks_remove():
    assert status_for({1: "remove", 2: "remove"}, [1, 2]) == "removed"
    assert status_for({1: "remove", 2: "keep"}, [1, 2]) == "draft"


def test_marks_from_people_not_on_the_panel_do_not_count():
    assert status_for({1: "keep", 9: "remove"}, [1]) == "agreed"
    assert status_for({}, []) == "draft"


def test_tally_counts_every_member_once():
    assert tally({1: "keep", 2: "change", 9: "keep"}, [1, 2, 3]) == {
        "keep": 1,
        "change": 1,
        "remove": 0,
        "waiting": 1,
    }


@pytest.mark.parametrize(
    "text",
    ["Tell us about a good day at work \U0001f600", "Why? \u2764\ufe0f", "Как дела?", "你好吗"],
)
def test_emoji_and_other_scripts_are_refused(text):
    assert text_rules.problem(text, "The question")


@pytest.mark.parametrize("text", ["Why do you want this job?", "Tell us about a café you like."])
def test_plain_english_is_fine(text):
    assert text_rules.problem(text, "The question") is None


def _png_with_gps(size=(2400, 1600)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (53.0, 48.0, 0.0), 3: "W", 4: (1.0, 33.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "PNG", exif=exif)
    return out.getvalue()


def test_photo_is_resized_and_exif_removed():
    data = _png_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get(0x8825) is not None
    cleaned, ext = photos.clean(data)
    assert ext == "jpg"
    image = Image.open(io.BytesIO(cleaned))
    assert image.format == "JPEG"
    assert max(image.size) == photos.MAX_SIDE
    assert len(image.getexif()) == 0
    assert b"Camera maker" not in cleaned


def test_see_through_image_stays_png():
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(out, "PNG")
    cleaned, ext = photos.clean(out.getvalue())
    assert ext == "png" and Image.open(io.BytesIO(cleaned)).size == (50, 40)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"hello, this is text pretending to be a png", "not a photo"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not a photo"),
        (b"x" * (photos.MAX_BYTES + 1), "too big"),
    ],
)
def test_bad_uploads_get_plain_words(data, words):
    with pytest.raises(photos.PhotoError, match=words):
        photos.clean(data)


def test_old_photo_names_cannot_leave_the_folder(tmp_path):
    name = "A" * 24 + ".jpg"  # how photos were named on disk before the file store
    (tmp_path / name).write_bytes(photos.clean(_png_with_gps((30, 20)))[0])
    assert photos.is_valid_name(name) and (tmp_path / name).is_file()
    for bad in ("../secret_key", "a.jpg", "x" * 20 + ".svg", ""):
        assert not photos.is_valid_name(bad)


def test_faces_can_be_made_smaller():
    cleaned, _ext = photos.clean(_png_with_gps(), max_side=photos.FACE_SIDE)
    assert max(Image.open(io.BytesIO(cleaned)).size) == photos.FACE_SIDE


def test_old_photo_paths_stay_in_the_folder(tmp_path):
    name = "B" * 24 + ".png"
    (tmp_path / name).write_bytes(photos.clean(_png_with_gps((30, 20)), photos.FACE_SIDE)[0])
    (tmp_path.parent / "secret_key").write_text("x")
    assert photos.path_for(tmp_path, name) == tmp_path / name
    assert photos.path_for(tmp_path, "../secret_key") is None
    assert photos.path_for(tmp_path, "C" * 24 + ".png") is None  # no such file
