"""Scales: options, normalising to 0..1, plain-words validation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panels.scoring.scales import SCALES, get_scale, scale_keys_text


def test_faces3_has_three_faces_in_order() -> None:
    s = get_scale("faces3")
    assert [o.value for o in s.options] == [1, 2, 3]
    assert [o.label for o in s.options] == ["Not good", "OK", "Good"]
    assert all(o.symbol and o.openmoji and o.description for o in s.options)
    assert s.option(3).symbol == "\U0001f642"


def test_points5_labels_and_values() -> None:
    s = get_scale("points5")
    assert s.values == (1, 2, 3, 4, 5)
    assert s.options[0].label == "1 Poor"
    assert s.options[-1].label == "5 Excellent"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("faces3", 1, 0.0),
        ("faces3", 2, 0.5),
        ("faces3", 3, 1.0),
        ("points5", 1, 0.0),
        ("points5", 2, 0.25),
        ("points5", 4, 0.75),
        ("points5", 5, 1.0),
        ("points3", 2, 0.5),
        ("yesno", 0, 0.0),
        ("yesno", 1, 1.0),
    ],
)
def test_normalise(key: str, value: int, expected: float) -> None:
    assert SCALES[key].normalise(value) == expected


def test_dont_know_is_none_not_zero() -> None:
    for s in SCALES.values():
        assert s.normalise(None) is None


@pytest.mark.parametrize("bad", [0, 4, -1, 2.5, "2", True, False, [], None])
def test_faces3_rejects_values_outside_the_scale(bad: object) -> None:
    with pytest.raises(ValueError, match="not on the 3 faces scale. Use 1, 2 or 3"):
        get_scale("faces3").validate(bad)


def test_integral_float_is_accepted() -> None:
    assert get_scale("points5").normalise(3.0) == 0.5  # type: ignore[arg-type]


def test_normalise_rejects_bad_value() -> None:
    with pytest.raises(ValueError, match="6 is not on the 1 to 5 scale"):
        get_scale("points5").normalise(6)


def test_get_scale_unknown_in_plain_words() -> None:
    with pytest.raises(ValueError, match='"stars" is not a scale. Use faces3, points3'):
        get_scale("stars")
    assert scale_keys_text() == "faces3, points3, points5 or yesno"


@given(st.sampled_from(sorted(SCALES)), st.data())
def test_normalise_is_evenly_spaced_from_0_to_1(key: str, data: st.DataObject) -> None:
    s = SCALES[key]
    normals = [s.normalise(v) for v in s.values]
    assert normals[0] == 0.0 and normals[-1] == 1.0
    steps = {round(b - a, 12) for a, b in zip(normals, normals[1:], strict=False)}
    assert steps == {round(1 / (len(s.values) - 1), 12)}
    v = data.draw(st.sampled_from(s.values))
    assert 0.0 <= s.normalise(v) <= 1.0


def test_keys_match_dict() -> None:
    assert all(k == s.key for k, s in SCALES.items())
    assert {"faces3", "points5"} <= set(SCALES)
