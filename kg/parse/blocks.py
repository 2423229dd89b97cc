"""Tile a report's text with blocks: every character in exactly one block."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kg.errors import ParseError
from kg.model import Block
from kg.parse.text import Line


def tile(text: str, lines: Sequence[Line], kinds: Mapping[int, str], default: str = "boilerplate") -> tuple[Block, ...]:
    """Blocks from per-line kinds; blank runs between lines of one kind join that block.

    Each line owns its newline.  Lines without a kind get ``default``; blank
    lines between blocks of different kinds become ``"blank"`` blocks.

    Raises:
        ParseError: the blocks would not tile the text (a bug, never bad input).
    """
    line_kinds = [("blank" if ln.blank else kinds.get(ln.index, default)) for ln in lines]
    # a blank run inherits the kind of the lines on both sides when they agree
    k = 0
    while k < len(line_kinds):
        if line_kinds[k] != "blank":
            k += 1
            continue
        j = k
        while j < len(line_kinds) and line_kinds[j] == "blank":
            j += 1
        if 0 < k and j < len(line_kinds) and line_kinds[k - 1] == line_kinds[j]:
            for i in range(k, j):
                line_kinds[i] = line_kinds[j]
        k = j
    blocks: list[Block] = []
    for ln, kind in zip(lines, line_kinds):
        if blocks and blocks[-1].kind == kind:
            last = blocks[-1]
            blocks[-1] = Block(kind, last.start, ln.stop)
        else:
            blocks.append(Block(kind, ln.start, ln.stop))
    check_tiling(text, blocks)
    return tuple(blocks)


def check_tiling(text: str, blocks: Sequence[Block]) -> None:
    """Raise unless ``blocks`` are sorted, non-overlapping and cover ``text`` exactly."""
    pos = 0
    for b in blocks:
        if b.start != pos or b.end <= b.start:
            raise ParseError(
                f"blocks do not tile the text: a block starts at {b.start}, expected {pos}",
                hint="this is a bug in kg.parse; please report it with the input text",
            )
        pos = b.end
    if pos != len(text):
        raise ParseError(
            f"blocks cover {pos} of {len(text)} characters",
            hint="this is a bug in kg.parse; please report it with the input text",
        )
