"""Access preferences in plain words."""

SCALE_WORDS = {"faces3": "scores with 3 faces", "points5": "scores from 1 to 5"}


def prefs_words(user) -> str:
    parts = []
    if user.read_aloud:
        parts.append("read aloud")
    if user.more_time or user.pace > 1:
        parts.append(f"more time (pace {user.pace:g})")
    if user.large_text:
        parts.append("large text")
    if user.pictures:
        parts.append("pictures")
    parts.append(SCALE_WORDS.get(user.scale, user.scale))
    return ", ".join(parts).capitalize()
