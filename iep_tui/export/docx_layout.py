"""The Word rendering of a `Letter`: every layout decision of every letter, made once.

US block-letter layout on Letter paper with 1-inch margins: the sender's name and
contact at the top, the date, how it is delivered, the recipient block, a bold "Re:"
line, the salutation, the body (paragraphs, headed sections, numbered requests,
tables), "Sincerely," with room to sign, the signature block, cc and enclosures.
Exhibits follow on new pages; their tables repeat the header row on every page and
rows never split across pages. The footer carries the student, the document and
"Page X of Y" as Word fields.

python-docx is imported inside the functions: importing the CLI must stay fast.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from iep_tui.export.formatting import long_date
from iep_tui.export.letter import Block, Bullets, Facts, Heading, Letter, Numbered, PageBreak, Para, Party, Table

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

FONT = "Calibri"
FALLBACK_FONT = "Arial"
"""Complex-script and East Asian text (Arabic, Hebrew, CJK) uses this when Calibri lacks it."""
BODY_PT = 11
SMALL_PT = 9
PORTRAIT_WIDTH_IN = 6.5
LANDSCAPE_WIDTH_IN = 9.8
"""Text width on US Letter: 1-inch side margins upright, 0.6-inch turned (wide tables)."""
LANDSCAPE_MARGIN_IN = 0.6
COMPACT_PT = 8
SPLIT_ROW_CHARS = 1200
"""A table row with more text than this may break across pages (it could be taller than one)."""
HEADER_FILL = "E7E6E6"
INDENT_IN = 0.3


def render_docx(letter: Letter) -> bytes:
    """The letter as a .docx file's bytes."""
    from docx import Document

    doc = Document()
    _setup(doc, letter)
    if letter.draft_note:
        _note(doc, letter.draft_note)
    if letter.is_letter:
        _letterhead(doc, letter.sender)
        _plain(doc, long_date(letter.dated), space_after=12)
        if letter.delivery:
            _plain(doc, letter.delivery, italic=True, space_after=12)
        for party in letter.recipients:
            _lines(doc, party.block_lines(), space_after=12)
    else:
        title = doc.add_paragraph()
        _run(title, letter.title, bold=True, size=16)
        title.paragraph_format.space_after = _pt(2)
        _plain(doc, long_date(letter.dated), space_after=10, size=SMALL_PT + 1)
    re_line = doc.add_paragraph()
    _run(re_line, "Re: ", bold=True)
    _run(re_line, letter.re, bold=True)
    re_line.paragraph_format.space_after = _pt(12)
    re_line.paragraph_format.left_indent = _inches(0.4)
    re_line.paragraph_format.first_line_indent = _inches(-0.4)
    if letter.salutation:
        _plain(doc, letter.salutation, space_after=8)
    width = LANDSCAPE_WIDTH_IN if letter.landscape else PORTRAIT_WIDTH_IN
    for block in letter.body:
        _block(doc, block, width)
    if letter.is_letter and letter.sender is not None:
        if doc.paragraphs:
            doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the closing never starts a page alone
        _signature(doc, letter)
    if letter.cc:
        _cc(doc, letter.cc, more=bool(letter.enclosures))
    if letter.enclosures:
        _enclosures(doc, letter.enclosures)
    landscape = letter.landscape
    for exhibit in letter.exhibits:
        if exhibit.landscape != landscape:
            from docx.enum.section import WD_SECTION

            landscape = exhibit.landscape
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            _orient(section, landscape)
            _footer(section, letter, LANDSCAPE_WIDTH_IN if landscape else PORTRAIT_WIDTH_IN)
        else:
            _page_break(doc)
        width = LANDSCAPE_WIDTH_IN if landscape else PORTRAIT_WIDTH_IN
        heading = doc.add_paragraph()
        _run(heading, exhibit.heading, bold=True, size=13)
        heading.paragraph_format.space_after = _pt(8)
        heading.paragraph_format.keep_with_next = True
        for block in exhibit.blocks:
            _block(doc, block, width)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- document setup


def _setup(doc: DocxDocument, letter: Letter) -> None:
    from docx.shared import Inches

    section = doc.sections[0]
    _orient(section, letter.landscape)
    section.top_margin = Inches(0.9)
    section.bottom_margin = Inches(0.9)
    section.footer_distance = Inches(0.4)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = _pt(BODY_PT)
    _font_all_scripts(normal.element.get_or_add_rPr())
    _complex_size(normal.element.get_or_add_rPr(), BODY_PT)
    pf = normal.paragraph_format
    pf.space_before = _pt(0)
    pf.space_after = _pt(6)
    pf.line_spacing = 1.07
    pf.widow_control = True

    props = doc.core_properties
    props.title = f"{letter.title}: {letter.student}"
    props.subject = letter.re
    props.author = letter.sender.name if letter.sender else ""
    props.last_modified_by = props.author
    props.comments = "Prepared with iep-tui from the case record."
    props.keywords = letter.kind
    stamp = datetime.combine(letter.dated, time(12, 0))
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    _footer(section, letter, LANDSCAPE_WIDTH_IN if letter.landscape else PORTRAIT_WIDTH_IN)


def _orient(section: Any, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Inches

    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Inches(11), Inches(8.5)
        side = LANDSCAPE_MARGIN_IN
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        side = 1.0
    section.left_margin = section.right_margin = Inches(side)


def _font_all_scripts(rpr: Any) -> None:
    """Latin in Calibri; complex scripts and East Asian text in a font that has them; US English."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attr, name in (("w:ascii", FONT), ("w:hAnsi", FONT), ("w:cs", FALLBACK_FONT), ("w:eastAsia", FALLBACK_FONT)):
        fonts.set(qn(attr), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        _insert(rpr, lang, _RPR_AFTER_LANG)
    lang.set(qn("w:val"), "en-US")


def _footer(section: Any, letter: Letter, width: float) -> None:
    """Student, document and date on the left, "Page X of Y" at the right margin."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    tabs = paragraph.paragraph_format.tab_stops
    tabs.add_tab_stop(Inches(3.25), WD_TAB_ALIGNMENT.CLEAR)  # the Footer style's centre tab
    if width != PORTRAIT_WIDTH_IN:
        tabs.add_tab_stop(Inches(PORTRAIT_WIDTH_IN), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Inches(width), WD_TAB_ALIGNMENT.RIGHT)
    label = f"{letter.student} · {letter.title} · {long_date(letter.dated)}"
    _run(paragraph, label, size=SMALL_PT, color="595959")
    _run(paragraph, "\tPage ", size=SMALL_PT, color="595959")
    _field(paragraph, "PAGE", "1")
    _run(paragraph, " of ", size=SMALL_PT, color="595959")
    _field(paragraph, "NUMPAGES", "1")


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld_char(kind: str) -> Any:
        run = paragraph.add_run()
        run.font.size = _pt(SMALL_PT)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    fld_char("begin")
    run = paragraph.add_run()
    run.font.size = _pt(SMALL_PT)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    shown = paragraph.add_run(placeholder)
    shown.font.size = _pt(SMALL_PT)
    fld_char("end")


# ---------------------------------------------------------------- letter parts


def _letterhead(doc: DocxDocument, sender: Party | None) -> None:
    if sender is None:
        return
    top = doc.add_paragraph()
    _run(top, sender.name, bold=True, size=BODY_PT + 1)
    top.paragraph_format.space_after = _pt(0)
    details = [*sender.address, *sender.contact_lines()]
    _lines(doc, details, space_after=16, size=SMALL_PT + 1)


def _signature(doc: DocxDocument, letter: Letter) -> None:
    sender = letter.sender
    assert sender is not None
    closing = doc.add_paragraph()
    _run(closing, letter.closing)
    closing.paragraph_format.keep_with_next = True
    closing.paragraph_format.space_before = _pt(6)
    closing.paragraph_format.space_after = _pt(36)  # room for a handwritten signature
    lines = [sender.name, sender.title, *sender.contact_lines()]
    block = _lines(doc, [line for line in lines if line], space_after=14, keep_together=True)
    if block is not None and (letter.cc or letter.enclosures):
        block.paragraph_format.keep_with_next = True  # cc and enclosures never sit alone on a page


def _cc(doc: DocxDocument, parties: tuple[Party, ...], more: bool) -> None:
    paragraph = None
    for index, party in enumerate(parties):
        paragraph = doc.add_paragraph()
        label = "cc:\t" if index == 0 else "\t"
        _run(paragraph, label)
        _run(paragraph, ", ".join(x for x in (party.name, party.title) if x))
        _hanging(paragraph, 0.5)
        paragraph.paragraph_format.space_after = _pt(0)
        paragraph.paragraph_format.keep_with_next = True
    if paragraph is not None:
        paragraph.paragraph_format.space_after = _pt(8)
        paragraph.paragraph_format.keep_with_next = more


def _enclosures(doc: DocxDocument, items: tuple[str, ...]) -> None:
    head = doc.add_paragraph()
    _run(head, "Enclosures:")
    head.paragraph_format.space_after = _pt(0)
    head.paragraph_format.keep_with_next = True
    for index, item in enumerate(items):
        paragraph = doc.add_paragraph()
        _run(paragraph, item)
        paragraph.paragraph_format.left_indent = _inches(0.5)
        paragraph.paragraph_format.space_after = _pt(0)
        paragraph.paragraph_format.keep_with_next = index < len(items) - 1


def _note(doc: DocxDocument, text: str) -> None:
    """A boxed note above the letter (e.g. 'DRAFT: review before filing')."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.style = doc.styles["Table Grid"]
    cell = table.rows[0].cells[0]
    _shade(cell, "FFF2CC")
    paragraph = cell.paragraphs[0]
    _run(paragraph, text, size=SMALL_PT + 1, italic=True)
    paragraph.paragraph_format.space_after = _pt(2)
    doc.add_paragraph().paragraph_format.space_after = _pt(2)


# ---------------------------------------------------------------- blocks


def _block(doc: DocxDocument, block: Block, width: float) -> None:
    if isinstance(block, Para):
        paragraph = doc.add_paragraph()
        if block.lead:
            _run(paragraph, block.lead + " ", bold=True)
        _run(paragraph, block.text)
    elif isinstance(block, Heading):
        paragraph = doc.add_paragraph()
        _run(paragraph, block.text, bold=True)
        paragraph.paragraph_format.space_before = _pt(8)
        paragraph.paragraph_format.space_after = _pt(3)
        paragraph.paragraph_format.keep_with_next = True
    elif isinstance(block, Numbered):
        _list(doc, [f"{n}." for n in range(block.start, block.start + len(block.items))], block.items)
    elif isinstance(block, Bullets):
        _list(doc, ["•"] * len(block.items), block.items)
    elif isinstance(block, Facts):
        _facts(doc, block, width)
    elif isinstance(block, Table):
        _table(doc, block, width)
    elif isinstance(block, PageBreak):
        _page_break(doc)
    else:
        raise TypeError(f"unknown block {type(block).__name__}")


def _list(doc: DocxDocument, marks: list[str], items: tuple[str, ...]) -> None:
    for index, (mark, item) in enumerate(zip(marks, items, strict=True)):
        paragraph = doc.add_paragraph()
        _run(paragraph, f"{mark}\t")
        _run(paragraph, item)
        _hanging(paragraph, INDENT_IN, left=INDENT_IN)
        paragraph.paragraph_format.space_after = _pt(4 if index < len(items) - 1 else 8)


def _facts(doc: DocxDocument, block: Facts, width: float) -> None:
    """Label and value side by side, without borders."""
    if not block.pairs:
        return
    key_width = 1.6
    table = doc.add_table(rows=0, cols=2)
    _grid(table, [key_width, width - key_width])
    for key, value in block.pairs:
        cells = table.add_row().cells
        for cell, cell_width in zip(cells, (key_width, width - key_width), strict=True):
            cell.width = _inches(cell_width)
        _cell_text(cells[0], key, bold=True)
        _cell_text(cells[1], value)
        _no_split(table.rows[-1])
    _table_margins(table, left=0, right=0.08)
    doc.add_paragraph().paragraph_format.space_after = _pt(0)


def _table(doc: DocxDocument, block: Table, width: float) -> None:
    if block.caption:
        caption = doc.add_paragraph()
        _run(caption, block.caption, italic=True, size=SMALL_PT + 1)
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_after = _pt(3)
    weights = block.widths or tuple(1.0 for _ in block.columns)
    total = sum(weights)
    widths = [width * w / total for w in weights]
    table = doc.add_table(rows=1, cols=len(block.columns))
    table.style = doc.styles["Table Grid"]
    _grid(table, widths)
    header = table.rows[0]
    _repeat_header(header)
    _no_split(header)
    size = COMPACT_PT if block.compact else SMALL_PT + 0.5
    for cell, text, cell_width in zip(header.cells, block.columns, widths, strict=True):
        cell.width = _inches(cell_width)
        _shade(cell, HEADER_FILL)
        _cell_text(cell, text, bold=True, size=size)
    rows = list(block.rows) + ([block.total] if block.total else [])
    for index, row in enumerate(rows):
        cells = table.add_row().cells
        bold = bool(block.total) and index == len(rows) - 1
        for cell, text, cell_width in zip(cells, row, widths, strict=True):
            cell.width = _inches(cell_width)
            _cell_text(cell, text, bold=bold, size=size)
        if sum(len(text) for text in row) <= SPLIT_ROW_CHARS:
            _no_split(table.rows[-1])
    _table_margins(table, left=0.06, right=0.06)
    doc.add_paragraph().paragraph_format.space_after = _pt(2)


# ---------------------------------------------------------------- low-level helpers


def _page_break(doc: DocxDocument) -> None:
    """A paragraph holding only a page break (what python-docx's untyped `add_page_break` does)."""
    from docx.enum.text import WD_BREAK

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def _inches(size: float) -> Any:
    from docx.shared import Inches

    return Inches(size)


_EXHIBIT_HYPHEN = re.compile(r"(?<=\b[A-Z])-(?=\d)")
"""The hyphen of an exhibit number (A-22): a line never breaks there."""


def _run(
    paragraph: DocxParagraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: str | None = None,
) -> Any:
    """Add `text` as formatted runs; exhibit numbers get non-breaking hyphens."""
    pieces = _EXHIBIT_HYPHEN.split(text)
    run = None
    for index, piece in enumerate(pieces):
        if index:
            from docx.oxml import OxmlElement

            hyphen = _format(paragraph.add_run(), bold, italic, size, color)
            hyphen._r.append(OxmlElement("w:noBreakHyphen"))
        if piece or len(pieces) == 1:
            # python-docx turns "\n" into a line break and "\t" into a tab
            run = _format(paragraph.add_run(piece), bold, italic, size, color)
    return run


def _format(run: Any, bold: bool, italic: bool, size: float | None, color: str | None) -> Any:
    """Bold, italic and size for Latin and complex-script text alike (Arabic and Hebrew
    names use w:bCs, w:iCs and w:szCs)."""
    if bold or italic or size is not None:
        rpr = run._r.get_or_add_rPr()
        if bold:
            run.bold = True
            rpr.get_or_add_bCs()
        if italic:
            run.italic = True
            rpr.get_or_add_iCs()
        if size is not None:
            run.font.size = _pt(size)
            _complex_size(rpr, size)
    if color is not None:
        from docx.shared import RGBColor

        run.font.color.rgb = RGBColor.from_string(color)
    return run


def _complex_size(rpr: Any, size: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    existing = rpr.find(qn("w:szCs"))
    if existing is None:
        existing = OxmlElement("w:szCs")
        size_element = rpr.find(qn("w:sz"))
        if size_element is not None:
            size_element.addnext(existing)
        else:
            rpr.append(existing)
    existing.set(qn("w:val"), str(round(size * 2)))


def _plain(
    doc: DocxDocument, text: str, *, space_after: float = 6, italic: bool = False, size: float | None = None
) -> DocxParagraph:
    paragraph = doc.add_paragraph()
    _run(paragraph, text, italic=italic, size=size)
    paragraph.paragraph_format.space_after = _pt(space_after)
    return paragraph


def _lines(
    doc: DocxDocument, lines: list[str], *, space_after: float, size: float | None = None, keep_together: bool = False
) -> DocxParagraph | None:
    """Lines of one block (an address) as one paragraph with line breaks."""
    if not lines:
        return None
    paragraph = doc.add_paragraph()
    _run(paragraph, "\n".join(lines), size=size)
    paragraph.paragraph_format.space_after = _pt(space_after)
    if keep_together:
        paragraph.paragraph_format.keep_together = True
    return paragraph


def _hanging(paragraph: DocxParagraph, hang: float, left: float | None = None) -> None:
    fmt = paragraph.paragraph_format
    fmt.left_indent = _inches(hang if left is None else left)
    fmt.first_line_indent = _inches(-hang)
    fmt.tab_stops.add_tab_stop(_inches(hang if left is None else left))


def _cell_text(cell: Any, text: str, *, bold: bool = False, size: float | None = None) -> None:
    paragraph = cell.paragraphs[0]
    _run(paragraph, text, bold=bold, size=size)
    paragraph.paragraph_format.space_after = _pt(1)
    paragraph.paragraph_format.space_before = _pt(1)
    paragraph.paragraph_format.line_spacing = 1.0


def _grid(table: Any, widths: list[float]) -> None:
    """Column widths in the table grid (LibreOffice reads these) and a fixed layout."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table.autofit = False  # w:tblLayout fixed, in its schema position
    for column, width in zip(table.columns, widths, strict=True):
        column.width = _inches(width)
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        _insert(tbl_pr, tbl_w, _TBLPR_AFTER_TBLW)
    tbl_w.set(qn("w:w"), str(int(sum(widths) * 1440)))
    tbl_w.set(qn("w:type"), "dxa")


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _no_split(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    _insert(cell._tc.get_or_add_tcPr(), shading, _TCPR_AFTER_SHD)


def _table_margins(table: Any, *, left: float, right: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side, inches in (("left", left), ("right", right)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(inches * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _insert(table._tbl.tblPr, margins, _TBLPR_AFTER_CELLMAR)


_TBLPR_AFTER_TBLW = (
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
_TBLPR_AFTER_CELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_TCPR_AFTER_SHD = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _insert(parent: Any, element: Any, successors: tuple[str, ...]) -> None:
    """Add `element` before its first schema successor: Word rejects children out of order."""
    from docx.oxml.ns import qn

    tags = {qn(t) for t in successors}
    for child in parent:
        if child.tag in tags:
            child.addprevious(element)
            return
    parent.append(element)
