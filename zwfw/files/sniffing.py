"""Decide a file's type from its content: magic bytes first, then its structure.

PDF, JPEG and PNG by their signatures; OFD, DOCX, XLSX and PPTX by the entries of their zip
container; DOC and XLS by the stream names of their OLE2 (compound file) directory. Markup,
scripts and executables are refused outright, and so are polyglots: a file of an allowed type
that also carries HTML or script markup, or that also opens as a zip archive (a zip is read from
its end, so one appended to a PDF or a JPEG still opens).
"""

from __future__ import annotations

import io
import re
import zipfile

from . import compound
from .types import FILE_TYPES, FileType, refuse, types_label

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"

# Markup a browser or a script host would act on. The delimiter after the name keeps random
# bytes of compressed streams from matching by chance.
ACTIVE_MARKUP = re.compile(
    rb"<(?:script|html|body|iframe|svg|object|embed|!doctype\s+html|\?php)[\s>/]", re.IGNORECASE
)
# What a text-like or executable upload starts with (after a byte-order mark and white space),
# compared in lower case.
ACTIVE_STARTS = (b"<", b"#!", b"mz", b"\x7felf", b"@echo", b"function ", b"var ", b"import ")

# Zip containers: refuse archives that would unpack to something huge (a decompression bomb is
# only a problem for whoever opens it later, but the store should not keep one).
MAX_ARCHIVE_ENTRIES = 5000
MAX_ARCHIVE_UNPACKED = 512 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024


def sniff(data: bytes) -> FileType:
    """The FileType of `data`, or FileRefused with the reason."""
    if data.startswith(PDF_MAGIC):
        return _pdf(data)
    if data.startswith(PNG_MAGIC):
        return _no_polyglot(data, FILE_TYPES["png"])
    if data.startswith(JPEG_MAGIC):
        return _no_polyglot(data, FILE_TYPES["jpeg"])
    if data.startswith(ZIP_MAGIC):
        return _zip(data)
    if data.startswith(compound.MAGIC):
        return _compound(data)
    head = data[:512].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.lower().startswith(ACTIVE_STARTS) or ACTIVE_MARKUP.search(data[:4096]):
        raise refuse("file_active_content")
    raise refuse("file_type_not_allowed", types=_all_labels())


def _all_labels() -> str:
    return types_label(FILE_TYPES)


def _no_polyglot(data: bytes, file_type: FileType) -> FileType:
    if ACTIVE_MARKUP.search(data):
        raise refuse("file_polyglot")
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise refuse("file_polyglot")
    return file_type


def _pdf(data: bytes) -> FileType:
    if b"%%EOF" not in data[-2048:]:
        raise refuse("file_damaged")
    return _no_polyglot(data, FILE_TYPES["pdf"])


def _zip(data: bytes) -> FileType:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refuse("file_damaged") from exc
    if len(entries) > MAX_ARCHIVE_ENTRIES or sum(e.file_size for e in entries) > MAX_ARCHIVE_UNPACKED:
        raise refuse("file_archive_too_large")
    names = {e.filename for e in entries}
    if "OFD.xml" in names:
        _ofd_root(archive)
        return FILE_TYPES["ofd"]
    if "[Content_Types].xml" not in names:
        raise refuse("file_type_not_allowed", types=_all_labels())
    manifest = _member(archive, "[Content_Types].xml")
    if b"macroEnabled" in manifest or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise refuse("file_macros")
    for folder, code in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if any(n.startswith(folder) for n in names):
            return FILE_TYPES[code]
    raise refuse("file_type_not_allowed", types=_all_labels())


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_MANIFEST_BYTES:
        raise refuse("file_archive_too_large")
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise refuse("file_damaged") from exc


def _ofd_root(archive: zipfile.ZipFile) -> None:
    """OFD (GB/T 33190-2016): the entry file OFD.xml has the root element ofd:OFD."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(_member(archive, "OFD.xml"))
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise refuse("file_damaged") from exc
    if root.tag.rsplit("}", 1)[-1] != "OFD":
        raise refuse("file_damaged")


def _compound(data: bytes) -> FileType:
    try:
        streams = compound.stream_names(data)
    except compound.CompoundError as exc:
        raise refuse("file_damaged") from exc
    if streams & {"macros", "_vba_project_cur", "vba"}:
        raise refuse("file_macros")
    if "worddocument" in streams:
        return FILE_TYPES["doc"]
    if streams & {"workbook", "book"}:
        return FILE_TYPES["xls"]
    raise refuse("file_type_not_allowed", types=_all_labels())
