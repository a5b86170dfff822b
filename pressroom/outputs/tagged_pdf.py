"""Finish WeasyPrint's tagged PDFs for PDF/UA-1: the fixes its HTML and CSS cannot ask for.

The digital PDF and the card PDFs are written by WeasyPrint 70 with ``pdf_variant="pdf/ua-1"``.
Most of their structure comes from the HTML (see the layouts); what WeasyPrint cannot be told is
fixed here, once, on the finished file, each fix naming the WeasyPrint behaviour it answers:

- page numbers and other ``@page`` margin content become ``/Artifact /Pagination``;
- each link becomes one ``<Link>`` with one annotation, named by the link's own words;
- the dots of a CSS ``leader()`` become an artifact;
- structure elements that hold nothing are removed;
- sections and lists split by a page break are joined again (tagged_pages.py);
- form fields get appearance streams;
- the file gets a document ID derived from its content, so rebuilds stay byte-identical.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pikepdf

from .pdftext import Fonts, marked_text
from .tagged_pages import join_page_splits

Key = tuple[int, int]
Kid = pikepdf.Object | int
LEADER_RE = re.compile(r"^[.\s\u00a0]*\.[.\s\u00a0]*$")  # one piece of a CSS leader(". ")
PRINT_FLAG = 4


def finish_tagged_pdf(data: bytes) -> bytes:
    """Return the tagged PDF ``data`` with the fixes above; an untagged PDF comes back as is."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        fixer = _Fixer(pdf)
        fixer.artifacts_for_margin_boxes()
        fixer.one_link_per_link()
        fixer.drop_empty_elements()
        join_page_splits(fixer)
        fixer.rewrite_pages()
        fixer.write_parent_tree()
        _field_appearances(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()


class _Fixer:
    """The structure tree, its parent tree and the pages' marked content, edited together."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages = list(pdf.pages)
        self.page_index = {page.obj.objgen: i for i, page in enumerate(self.pages)}
        self.root = pdf.Root.StructTreeRoot
        nums = list(self.root.ParentTree.get("/Nums", []))
        self.parent_tree: dict[int, pikepdf.Object] = {
            int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)
        }
        fonts: Fonts = {}  # the pages share their fonts: each one's text map is read once
        self.text = [marked_text(page.obj, fonts) for page in self.pages]
        self.to_artifact: list[dict[int, str]] = [{} for _ in self.pages]  # MCID → artifact type

    # --- margin boxes -------------------------------------------------------------------------

    def artifacts_for_margin_boxes(self) -> None:
        """WeasyPrint tags the text of ``@page`` margin boxes (page numbers) under elements it
        never links into the tree, "as an Artifact would only be allowed in PDF 2.0" (its
        pdf/tags.py). In PDF 1.7 a page number is a pagination artifact: mark it as one."""
        reachable = {element.objgen for element in _elements(self.root)}
        for number, page in enumerate(self.pages):
            key = page.obj.get("/StructParents")
            refs = self.parent_tree.get(int(key)) if key is not None else None
            if not isinstance(refs, pikepdf.Array):
                continue
            for mcid, ref in enumerate(refs):
                if isinstance(ref, pikepdf.Dictionary) and ref.objgen not in reachable:
                    self.to_artifact[number][mcid] = "/Pagination"

    # --- links --------------------------------------------------------------------------------

    def one_link_per_link(self) -> None:
        """WeasyPrint gives every box inside an ``<a>`` (a pseudo-element, a leader, an inline
        element) an annotation and a ``<Link>`` of its own, and each line of a wrapped link
        another one; it names every annotation by its target (a slug or a URL). Here nested
        links fold into the outer one, the pieces of one wrapped link join, and each annotation
        is named by the link's words."""
        destinations = self._destination_pages()
        for parent in list(_elements(self.root)):
            if _is_link(parent):
                continue
            kids = _kids(parent)
            changed = False
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and _is_link(kid):
                    self._fold_inner_links(kid)
                    changed = True
            if changed:
                parent.K = pikepdf.Array(self._join_wrapped(kids))
        for link in _elements(self.root):
            if _is_link(link):
                self._name(link, destinations)

    def _fold_inner_links(self, link: pikepdf.Dictionary) -> None:
        objrs: list[pikepdf.Object] = []
        kids = self._fold(link, objrs)
        self._keep_one_annotation(link, objrs, kids)

    def _fold(self, holder: pikepdf.Dictionary, objrs: list[pikepdf.Object]) -> list[Kid]:
        """``holder``'s kids with every ``<Link>`` below it replaced by that link's own kids."""
        out: list[Kid] = []
        for kid in _kids(holder):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if _is_link(kid):
                    out += [self._rehome(inner, kid, holder) for inner in self._fold(kid, objrs)]
                else:
                    kid.K = pikepdf.Array(self._fold(kid, objrs))
                    out.append(kid)
            elif _is_objr(kid):
                objrs.append(kid)
            else:
                out.append(kid)
        return out

    def _rehome(self, kid: Kid, old: pikepdf.Dictionary, new: pikepdf.Dictionary) -> Kid:
        """Move one kid from element ``old`` to element ``new`` (parent tree included)."""
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            kid.P = new
            return kid
        page: pikepdf.Object | None = None
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            page, mcid = kid.get("/Pg", old.get("/Pg")), int(kid.MCID)
        elif isinstance(kid, int):
            page, mcid = old.get("/Pg"), int(kid)
        if page is None:
            return kid
        refs = self.parent_tree[int(self.pages[self.page_index[page.objgen]].obj.StructParents)]
        refs[mcid] = new
        if _same(new.get("/Pg"), page):
            return mcid
        return pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=mcid)

    def _keep_one_annotation(
        self, link: pikepdf.Dictionary, objrs: list[pikepdf.Object], flat: list[Kid]
    ) -> None:
        if not objrs:
            link.K = pikepdf.Array(flat)
            return
        kept, *dropped = objrs
        annot = kept.Obj
        rect = _floats(annot.Rect)
        for objr in dropped:
            other = objr.Obj
            rect = _union(rect, _floats(other.Rect))
            self._remove_annotation(objr)
        annot.Rect = pikepdf.Array(rect)
        link.K = pikepdf.Array([kept, *[k for k in flat if not _is_objr(k)]])

    def _remove_annotation(self, objr: pikepdf.Object) -> None:
        annot = objr.Obj
        page = objr.get("/Pg")
        if page is not None and "/Annots" in page:
            page.Annots = pikepdf.Array([a for a in page.Annots if a.objgen != annot.objgen])
        if "/StructParent" in annot:
            self.parent_tree.pop(int(annot.StructParent), None)

    def _join_wrapped(self, kids: list[pikepdf.Object]) -> list[pikepdf.Object]:
        """A link broken over two lines is two ``<Link>``s side by side: make them one."""
        joined: list[pikepdf.Object] = []
        for kid in kids:
            before = joined[-1] if joined else None
            if (
                isinstance(kid, pikepdf.Dictionary)
                and _is_link(kid)
                and isinstance(before, pikepdf.Dictionary)
                and _is_link(before)
                and _target(before) is not None
                and _target(before) == _target(kid)
                and before.get("/Pg") is not None
                and kid.get("/Pg") is not None
                and before.Pg.objgen == kid.Pg.objgen
            ):
                self._join(before, kid)
                continue
            joined.append(kid)
        return joined

    def _join(self, first: pikepdf.Dictionary, second: pikepdf.Dictionary) -> None:
        first_objr = next(k for k in _kids(first) if _is_objr(k))
        annot = first_objr.Obj
        quads = list(annot.get("/QuadPoints", _quad(annot.Rect)))
        rest: list[Kid] = []
        for kid in _kids(second):
            if _is_objr(kid):
                quads += _quad(kid.Obj.Rect)
                annot.Rect = pikepdf.Array(_union(_floats(annot.Rect), _floats(kid.Obj.Rect)))
                self._remove_annotation(kid)
            else:
                rest.append(self._rehome(kid, second, first))
        annot.QuadPoints = pikepdf.Array(quads)
        first.K = pikepdf.Array([*_kids(first), *rest])

    def _name(self, link: pikepdf.Dictionary, destinations: dict[str, str]) -> None:
        pieces: list[str] = []
        for page, mcid in _marks(link, self.page_index):
            words = " ".join(self.text[page].get(mcid, "").split())
            if LEADER_RE.match(words):
                # WeasyPrint draws the dots of CSS leader() as text inside the link.
                self.to_artifact[page][mcid] = "/Layout"
                _drop_mark(link, mcid)
            elif words:
                pieces.append(words)
        objrs = [kid for kid in _kids(link) if _is_objr(kid)]
        if not objrs or not pieces:
            return
        annot = objrs[0].Obj
        target = _target(link)
        page_number = destinations.get(target or "")
        if page_number is not None and len(pieces) > 1 and pieces[-1] == page_number:
            name = f"{' '.join(pieces[:-1])}, page {page_number}"
        else:
            name = " ".join(pieces)
        if (target or "").startswith("tel:") and not name.lower().startswith("call"):
            name = f"Call {name}"
        annot.Contents = pikepdf.String(name)
        annot.F = int(annot.get("/F", 0)) | PRINT_FLAG

    def _destination_pages(self) -> dict[str, str]:
        """Named destination → the number of the page it is on: its page label when the file
        has labels (the printed number), else its place counting from 1."""
        names = self.pdf.Root.get("/Names")
        if names is None or "/Dests" not in names:
            return {}
        found = {}
        for name, dest in pikepdf.NameTree(names.Dests).items():
            target = dest.get("/D") if isinstance(dest, pikepdf.Dictionary) else dest
            if isinstance(target, pikepdf.Array) and len(target) and target[0].is_indirect:
                index = self.page_index.get(target[0].objgen)
                if index is not None:
                    label = str(pikepdf.Page(self.pages[index]).label)
                    found[str(name)] = label if "/PageLabels" in self.pdf.Root else str(index + 1)
        return found

    # --- empty elements -----------------------------------------------------------------------

    def drop_empty_elements(self) -> None:
        """WeasyPrint makes a structure element for every box, also for a ``<br>``, an empty
        ``<span>`` or a box that paints only a border or a background (all artifacts). An
        element that holds no content reads as nothing: remove it."""

        def prune(element: pikepdf.Dictionary) -> bool:
            kept: list[pikepdf.Object] = []
            for kid in _kids(element):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    if prune(kid):
                        kept.append(kid)
                else:
                    kept.append(kid)
            if len(kept) != len(_kids(element)):
                element.K = pikepdf.Array(kept)
            return bool(kept) or "/Alt" in element or "/ActualText" in element

        for top in _kids(self.root):
            if isinstance(top, pikepdf.Dictionary):
                prune(top)

    # --- writing ------------------------------------------------------------------------------

    def rewrite_pages(self) -> None:
        """Turn the chosen marked-content sequences into artifacts, in the page's content."""
        for number, page in enumerate(self.pages):
            chosen = self.to_artifact[number]
            if not chosen:
                continue
            instructions = []
            for instruction in pikepdf.parse_content_stream(page.obj):
                if (
                    isinstance(instruction, pikepdf.ContentStreamInstruction)
                    and str(instruction.operator) == "BDC"
                    and isinstance(instruction.operands[1], pikepdf.Dictionary)
                    and int(instruction.operands[1].get("/MCID", -1)) in chosen
                ):
                    kind = chosen[int(instruction.operands[1].MCID)]
                    properties = pikepdf.Dictionary(Type=pikepdf.Name(kind))
                    instruction = pikepdf.ContentStreamInstruction(
                        [pikepdf.Name.Artifact, properties], pikepdf.Operator("BDC")
                    )
                instructions.append(instruction)
            page.obj.Contents = self.pdf.make_stream(pikepdf.unparse_content_stream(instructions))
            refs = self.parent_tree.get(int(page.obj.StructParents))
            if isinstance(refs, pikepdf.Array):
                for mcid in chosen:
                    if mcid < len(refs):
                        refs[mcid] = None  # no longer marked content: nothing points here

    def write_parent_tree(self) -> None:
        nums: list[Kid] = []
        for key in sorted(self.parent_tree):
            nums += [key, self.parent_tree[key]]
        self.root.ParentTree.Nums = pikepdf.Array(nums)
        self.root.ParentTreeNextKey = max(self.parent_tree, default=-1) + 1


def _field_appearances(pdf: pikepdf.Pdf) -> None:
    """WeasyPrint leaves form fields without appearance streams (it sets NeedAppearances
    instead), which PDF/UA viewers may not honour: generate them."""
    form = pdf.Root.get("/AcroForm")
    if form is None:
        return
    pdf.generate_appearance_streams()
    if "/NeedAppearances" in form:
        del form["/NeedAppearances"]


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element below ``node``, in tree order."""
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _marks(element: pikepdf.Dictionary, page_index: dict[Key, int]) -> Iterator[tuple[int, int]]:
    page = element.get("/Pg")
    for kid in _kids(element):
        if isinstance(kid, int) and page is not None:
            yield page_index[page.objgen], int(kid)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            kid_page = kid.get("/Pg", page)
            if kid_page is not None:
                yield page_index[kid_page.objgen], int(kid.MCID)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from _marks(kid, page_index)


def _drop_mark(element: pikepdf.Dictionary, mcid: int) -> None:
    kept = []
    for kid in _kids(element):
        if isinstance(kid, int) and int(kid) == mcid:
            continue
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _drop_mark(kid, mcid)
        kept.append(kid)
    element.K = pikepdf.Array(kept)


def _is_link(element: object) -> bool:
    return isinstance(element, pikepdf.Dictionary) and element.get("/S") == "/Link"


def _is_objr(kid: object) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"


def _target(link: pikepdf.Dictionary) -> str | None:
    for kid in _kids(link):
        if _is_objr(kid):
            annot = kid.Obj
            if "/Dest" in annot:
                return str(annot.Dest)
            if "/A" in annot and "/URI" in annot.A:
                return str(annot.A.URI)
    return None


def _union(a: list[float], b: list[float]) -> list[float]:
    return [
        min(a[0], a[2], b[0], b[2]),
        min(a[1], a[3], b[1], b[3]),
        max(a[0], a[2], b[0], b[2]),
        max(a[1], a[3], b[1], b[3]),
    ]


def _floats(values: pikepdf.Object) -> list[float]:
    return [float(v) for v in values]


def _quad(rect: pikepdf.Object) -> list[float]:
    x1, y1, x2, y2 = _union(_floats(rect), _floats(rect))
    return [x1, y2, x2, y2, x1, y1, x2, y1]


def _same(a: pikepdf.Object | None, b: pikepdf.Object | None) -> bool:
    """Whether two references name the same object."""
    return a is not None and b is not None and a.objgen == b.objgen
