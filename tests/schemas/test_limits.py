"""Notion's limits: text measured and cut as Notion counts it, option names it accepts."""

from __future__ import annotations

import pytest

from schemas.limits import MAX_OPTION_NAME, MAX_TEXT, option_name, text_pieces, utf16_length


def test_an_emoji_counts_twice() -> None:
    assert utf16_length("🧭a") == 3


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("", []),
        ("a" * MAX_TEXT, [MAX_TEXT]),
        ("a" * (MAX_TEXT + 1), [MAX_TEXT, 1]),
        ("a" * (MAX_TEXT - 1) + "🧭", [MAX_TEXT - 1, 2]),  # never half an emoji
    ],
)
def test_text_is_cut_into_pieces_notion_takes(text: str, sizes: list[int]) -> None:
    pieces = text_pieces(text)
    assert [utf16_length(piece) for piece in pieces] == sizes
    assert "".join(pieces) == text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Late, at risk", "Late; at risk"),
        ("  padded  ", "padded"),
        ("x" * 150, "x" * MAX_OPTION_NAME),
    ],
)
def test_option_names_have_no_comma_and_fit(name: str, expected: str) -> None:
    assert option_name(name) == expected
