"""Read a tagged PDF the way assistive technology does: the structure tree, with its text.

The tests use this to see what a screen reader user gets (the tree read top to bottom), to
compare the order in which each page paints its marked content with the tree's order, and to
find empty or misplaced structure elements. ``python -m tests.structtree FILE [PAGE]`` prints
the tree (of one page, numbered from 1) as an indented outline.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

from pressroom.outputs.pdftext import Fonts, marked_text

Mark = tuple[int, int]  # (page index, MCID)


@dataclass
class Node:
    """One structure element: its type, its attributes, its marked content and its children."""

    kind: str
    element: pikepdf.Object
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)  # own marked content, in tree order
    annots: list[pikepdf.Object] = field(default_factory=list)
    kids: list[Node | Mark | pikepdf.Object] = field(default_factory=list)  # in order

    def walk(self) -> Iterator[Node]:
        """This element and every element below it, in tree order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_marks(self) -> list[Mark]:
        """All marked content at or below this element, in tree order."""
        found: list[Mark] = []
        for kid in self.kids:
            if isinstance(kid, Node):
                found.extend(kid.all_marks())
            elif isinstance(kid, tuple):
                found.append(kid)
        return found


@dataclass
class Tagged:
    """A tagged PDF read once: its tree, and each page's marked content in paint order."""

    pdf: pikepdf.Pdf
    root: Node
    painted: list[dict[int, str]]  # per page: MCID -> text, in the order the page paints them

    def text(self, node: Node) -> str:
        """The text of an element as a screen reader reads it (its /Alt or /ActualText first)."""
        for key in ("/ActualText", "/Alt"):
            if key in node.element:
                return str(node.element[key])
        return " ".join(
            " ".join(self.painted[page].get(mcid, "").split()) for page, mcid in node.all_marks()
        ).strip()

    def elements(self, kind: str | None = None) -> list[Node]:
        """Every structure element (of one type), in tree order."""
        return [n for n in self.root.walk() if n is not self.root and kind in (None, n.kind)]

    def page_of(self, node: Node) -> int | None:
        """The index of the page an element belongs to."""
        page = node.element.get("/Pg")
        return None if page is None else self._page_index.get(page.objgen)

    @property
    def _page_index(self) -> dict[tuple[int, int], int]:
        return {page.obj.objgen: i for i, page in enumerate(self.pdf.pages)}


def read(pdf: pikepdf.Pdf) -> Tagged:
    """Read the structure tree and the pages' marked content of an open PDF."""
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    tree_root = pdf.Root.StructTreeRoot
    root = Node("StructTreeRoot", tree_root)
    _read_kids(tree_root, root, pages, None, set())
    fonts: Fonts = {}
    painted = [marked_text(page.obj, fonts) for page in pdf.pages]
    return Tagged(pdf, root, painted)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _read_kids(
    element: pikepdf.Object,
    node: Node,
    pages: dict[tuple[int, int], int],
    page: int | None,
    seen: set[tuple[int, int]],
) -> None:
    if element.is_indirect:
        if element.objgen in seen:
            return
        seen.add(element.objgen)
    if "/Pg" in element:
        page = pages.get(element.Pg.objgen, page)
    for kid in _kids(element):
        if isinstance(kid, int):
            if page is not None:
                node.marks.append((page, int(kid)))
                node.kids.append((page, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            kid_page = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
            if kid_page is not None:
                node.marks.append((kid_page, int(kid.MCID)))
                node.kids.append((kid_page, int(kid.MCID)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            node.annots.append(kid.Obj)
            node.kids.append(kid.Obj)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            child = Node(str(kid.S)[1:], kid, node)
            node.children.append(child)
            node.kids.append(child)
            _read_kids(kid, child, pages, page, seen)


def outline(tagged: Tagged, page: int | None = None) -> str:
    """The tree as indented lines (``Type "text"``), optionally only one page's elements."""
    lines: list[str] = []

    def visit(node: Node, depth: int) -> None:
        on_page = (
            page is None
            or any(p == page for p, _ in node.all_marks())
            or (tagged.page_of(node) == page)
        )
        if not on_page:
            return
        label = node.kind
        if node.annots:
            label += " [" + ", ".join(str(a.get("/Subtype", ""))[1:] for a in node.annots) + "]"
        own = " ".join(" ".join(tagged.painted[p].get(m, "").split()) for p, m in node.marks)
        alt = str(node.element.get("/Alt", ""))
        text = f' "{own.strip()}"' if own.strip() else f" (alt: {alt})" if alt else ""
        lines.append("  " * depth + label + text)
        for child in node.children:
            visit(child, depth + 1)

    for child in tagged.root.children:
        visit(child, 0)
    return "\n".join(lines)


if __name__ == "__main__":
    with pikepdf.open(sys.argv[1]) as opened:
        chosen = int(sys.argv[2]) - 1 if len(sys.argv) > 2 else None
        print(outline(read(opened), chosen))
