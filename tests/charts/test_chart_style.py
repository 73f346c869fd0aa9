"""The shared chart style: palette, file formats, atomic save, bad extensions."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.charts import PALETTE, new_figure, save_figure


def test_palette_is_okabe_ito() -> None:
    # Okabe & Ito (2008) colour-universal-design set: 8 distinct colours
    assert len(set(PALETTE)) == 8
    assert "#E69F00" in PALETTE and "#0072B2" in PALETTE


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".pdf", b"%PDF"),
                                               (".svg", b"<?xml")])
def test_save_writes_the_format_of_the_extension(tmp_path: Path, suffix: str,
                                                 magic: bytes) -> None:
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    out = save_figure(fig, tmp_path / f"c{suffix}")
    assert out.read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [f"c{suffix}"]  # no temp file left


def test_bad_extension_is_refused_and_nothing_written(tmp_path: Path) -> None:
    fig, _ = new_figure()
    with pytest.raises(ValueError, match=r"\.png"):
        save_figure(fig, tmp_path / "c.txt")
    assert list(tmp_path.iterdir()) == []


def test_grid_of_axes() -> None:
    _, axes = new_figure(nrows=2, ncols=3)
    assert axes.shape == (2, 3)
