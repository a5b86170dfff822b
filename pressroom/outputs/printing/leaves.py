"""Which printed pages share a leaf, and which leaves are conjugate, in a saddle-stitched booklet.

In a booklet of N pages (N a multiple of 4) folded and stapled in the middle, the leaf that carries
pages 2k-1 (front, a right-hand page) and 2k (back) is joined at the fold to the leaf that carries
pages N-2k+1 and N-2k+2: its conjugate. Tearing a leaf out along a perforation near the spine
removes both of its pages; the conjugate stays held by the stub.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Leaf:
    """One leaf: its front page and back page (1-based page numbers)."""

    front: int
    back: int

    @property
    def pages(self) -> tuple[int, int]:
        """Both pages of the leaf."""
        return (self.front, self.back)


def leaf_of(page: int) -> Leaf:
    """The leaf that carries ``page``."""
    front = page if page % 2 == 1 else page - 1
    return Leaf(front, front + 1)


def other_side(page: int) -> int:
    """The page printed on the back of ``page`` (or on its front)."""
    return page + 1 if page % 2 == 1 else page - 1


def conjugate(leaf: Leaf, page_count: int) -> Leaf:
    """The leaf joined to ``leaf`` at the fold."""
    if page_count % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {page_count}")
    return Leaf(page_count - leaf.back + 1, page_count - leaf.front + 1)


def is_cover_leaf(leaf: Leaf, page_count: int) -> bool:
    """Whether the leaf belongs to the outer sheet (the covers)."""
    return leaf.front == 1 or leaf.back == page_count


def sheets(page_count: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Imposition for 2-up saddle stitch: per sheet, (left, right) on the front and on the back.

    Sheet 1 front carries the last and the first page; its back carries pages 2 and N-1.
    """
    if page_count % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {page_count}")
    result = []
    for s in range(page_count // 4):
        front = (page_count - 2 * s, 2 * s + 1)
        back = (2 * s + 2, page_count - 2 * s - 1)
        result.append((front, back))
    return result
