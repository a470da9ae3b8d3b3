"""Word documents laid out as official documents (GB/T 9704-2012 党政机关公文格式): A4, the standard
margins, title in 小标宋, body in 仿宋 三号, page numbers "— 1 —" in the footer, with font fallbacks.
Shared by the indicators' year-end report and the development record's 登记表."""
from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

# GB/T 9704: title 二号 方正小标宋简体, headings 三号 黑体, body and tables 三号 仿宋_GB2312, page
# numbers 四号 宋体. Each font with the one Word / WPS / LibreOffice fall back to where the
# first is not installed (written to the document's font table as its altName).
TITLE_FONT, BODY_FONT, HEADING_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"
FALLBACK_FONTS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei", PAGE_NUMBER_FONT: "SimSun"}
TITLE_SIZE, BODY_SIZE, TABLE_SIZE, PAGE_NUMBER_SIZE = Pt(22), Pt(16), Pt(12), Pt(14)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

def _set_font(target, name: str, size=None, *, bold: bool = False) -> None:
    """A run's or a style's font, for Latin and East Asian text alike (Word picks the font of a
    Chinese character from w:eastAsia, which python-docx's font.name does not set)."""
    target.font.name = name  # creates rPr/rFonts
    element = target._r if hasattr(target, "_r") else target.element
    element.rPr.rFonts.set(qn("w:eastAsia"), name)
    if size is not None:
        target.font.size = size
    target.font.bold = bold


def _paragraph(container, text: str, *, font: str = BODY_FONT, size=BODY_SIZE, bold: bool = False,
               align=None, indent: bool = False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = size * 2
    _set_font(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


def _page_number(paragraph) -> None:
    """"— N —" with N a PAGE field, so Word and LibreOffice number every page themselves."""
    def run(text=None, field=None, instruction=None):
        r = paragraph.add_run(text or "")
        _set_font(r, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if field:
            r._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{field}"/>'))
        if instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
            r._r.append(element)
        return r
    run("— ")
    run(field="begin")
    run(instruction=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


def _page_setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    # GB/T 9704: the page number 一字 in from the outer edge, right on odd pages, left on even ones.
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = PAGE_NUMBER_SIZE
        else:
            paragraph.paragraph_format.left_indent = PAGE_NUMBER_SIZE
        _page_number(paragraph)
    normal = document.styles["Normal"]
    _set_font(normal, BODY_FONT, BODY_SIZE)
    # 22 lines a page: a fixed line pitch of 28.95 pt.
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28.95)
    normal.paragraph_format.space_after = Pt(0)
    _font_fallbacks(document)


def _font_fallbacks(document) -> None:
    """Each font of the report in the font table with the font to use where it is missing."""
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    table = parse_xml(part.blob)
    for name, fallback in FALLBACK_FONTS.items():
        table.append(parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{fallback}"/>'
                               f'<w:charset w:val="86"/></w:font>'))
    # A generic part's content is its blob (python-docx offers no font-table API).
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cell(cell, text: str, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _set_font(paragraph.add_run(text), BODY_FONT, TABLE_SIZE, bold=bold)
