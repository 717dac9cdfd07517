"""Hostile uploads, made in memory: spreadsheet bombs, malformed XML, polyglots, mislabelled and
oversized files. Used by the finding tests of issue 13 (points 3 and 4) and the upload fuzz
tests, which send every one of them to every upload path."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

MIB = 1024 * 1024
SHEET1 = "xl/worksheets/sheet1.xml"
SHARED = "xl/sharedStrings.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def template_bytes() -> bytes:
    """A well-formed import template: the real headers on every sheet, one item row."""
    from zwfw.catalog.exchange.columns import SHEETS

    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title)
        ws.append([c.header for c in sheet.columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_entry(base: bytes, name: str, content, *, level: int = 9) -> bytes:
    """`base` with the entry `name` replaced (or added); `content` is bytes or an iterable of
    byte chunks, streamed into the archive so a huge entry never sits in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                   compresslevel=level) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as handle:
            for chunk in [content] if isinstance(content, bytes) else content:
                handle.write(chunk)
    return out.getvalue()


def _sheet(rows_xml, *, dimension: str = "A1") -> list[bytes]:
    return [f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><dimension ref="{dimension}"/><sheetData>'
            .encode(), *rows_xml, b"</sheetData></worksheet>"]


def with_shared_strings(base: bytes, content) -> bytes:
    """`base` with a shared-string table (declared in the relationships and content types) and a
    cell A2 on the first sheet that uses its first string."""
    with zipfile.ZipFile(io.BytesIO(base)) as src:
        rels = src.read("xl/_rels/workbook.xml.rels").replace(
            b"</Relationships>", b'<Relationship Id="rIdSST" Target="sharedStrings.xml" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>')
        types = src.read("[Content_Types].xml").replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        sheet = src.read(SHEET1).replace(b"</sheetData>", b'<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData>')
    base = with_entry(base, "xl/_rels/workbook.xml.rels", rels)
    base = with_entry(base, "[Content_Types].xml", types)
    base = with_entry(base, SHEET1, sheet)
    return with_entry(base, SHARED, content)


def shared_string_bomb(unpacked: int = 500 * MIB) -> bytes:
    """The probe's file: about half a megabyte holding one shared string of `unpacked` bytes."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="1" uniqueCount="1"><si><t>'.encode()

    def chunks():
        yield head
        block = b"A" * MIB
        for _ in range(unpacked // MIB):
            yield block
        yield b"</t></si></sst>"

    return with_shared_strings(template_bytes(), chunks())


def blank_rows(count: int) -> bytes:
    """`count` rows of empty cells after the header: small packed, slow to walk."""
    def rows():
        yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        for start in range(2, count + 2, 1000):
            yield b"".join(f'<row r="{r}"><c r="A{r}"/></row>'.encode() for r in range(start, min(start + 1000, count + 2)))

    return with_entry(template_bytes(), SHEET1, _sheet(rows()))


def far_row() -> bytes:
    """One row numbered 1,048,576: a reader fills in a million missing rows."""
    return with_entry(template_bytes(), SHEET1, _sheet([b'<row r="1048576"><c r="A1048576" t="inlineStr">'
                                                        b"<is><t>x</t></is></c></row>"],
                                                       dimension="A1:XFD1048576"))


def wide_rows(count: int = 2000) -> bytes:
    """Rows with one cell in the last column (XFD): a reader pads each row to 16,384 cells."""
    return with_entry(template_bytes(), SHEET1, _sheet([b"".join(
        f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>'.encode() for r in range(1, count + 1)
    )], dimension="A1:XFD2000"))


def long_cell(chars: int = 40000) -> bytes:
    """A cell longer than Excel's own limit of 32,767 characters."""
    return with_entry(template_bytes(), SHEET1, _sheet([
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"A" * chars + b"</t></is></c></row>"]))


def many_entries(count: int = 6000) -> bytes:
    out = io.BytesIO(template_bytes())
    with zipfile.ZipFile(out, "a") as archive:
        for n in range(count):
            archive.writestr(f"xl/media/x{n}.bin", b"")
    return out.getvalue()


def xxe() -> bytes:
    """An external entity in a sheet: it must never be resolved."""
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           b"<worksheet " + NS.encode() + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is>'
           b"</c></row></sheetData></worksheet>")
    return with_entry(template_bytes(), SHEET1, xml)


def billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "ha">{entities}]>'
           f'<sst {NS} count="1" uniqueCount="1"><si><t>&l9;</t></si></sst>')
    return with_shared_strings(template_bytes(), xml.encode())


def truncated_sheet() -> bytes:
    sheet = b"".join(_sheet([b'<row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c></row>'
                             b'<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is>']))
    return with_entry(template_bytes(), SHEET1, sheet[: len(sheet) - 40])


def broken_zip() -> bytes:
    data = template_bytes()
    return data[: len(data) // 2]


def pdf_named_xlsx() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def html_polyglot() -> bytes:
    """A page in front of a zip: browsers sniff HTML, zip readers read from the end."""
    return b"<html><script>alert(1)</script></html>" + template_bytes()


def pdf_zip_polyglot() -> bytes:
    return pdf_named_xlsx() + template_bytes()


def oversized(size: int = 21 * MIB) -> bytes:
    return template_bytes() + b"\0" * (size - len(template_bytes()))


# name -> builder, for the fuzz tests; every one must be refused with a 400 and nothing written.
XLSX_HOSTILE = {
    "shared_string_bomb": lambda: shared_string_bomb(200 * MIB),
    "blank_rows": lambda: blank_rows(60000),
    "far_row": far_row,
    "wide_rows": wide_rows,
    "long_cell": long_cell,
    "many_entries": many_entries,
    "xxe": xxe,
    "billion_laughs": billion_laughs,
    "truncated_sheet": truncated_sheet,
    "broken_zip": broken_zip,
    "pdf_named_xlsx": pdf_named_xlsx,
    "html_polyglot": html_polyglot,
    "pdf_zip_polyglot": pdf_zip_polyglot,
    "oversized": oversized,
    "empty": lambda: b"",
}
