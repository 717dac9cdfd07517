"""Real files of every kind the store meets, built in memory (no binary fixtures in the repo)."""

from __future__ import annotations

import io
import struct
import zipfile

from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
SCRIPT = b"#!/bin/sh\nrm -rf /\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56
GPS_IFD = 0x8825


def zip_of(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def office(folder: str, *, macro: bool = False) -> bytes:
    kind = "application/vnd.ms-word.document.macroEnabled.main+xml" if macro else "application/xml"
    entries = {"[Content_Types].xml": f'<Types><Override ContentType="{kind}"/></Types>',
               f"{folder}/document.xml": "<x/>"}
    if macro:
        entries[f"{folder}/vbaProject.bin"] = b"\x00" * 16
    return zip_of(entries)


def ofd(root: str = "ofd:OFD") -> bytes:
    return zip_of({"OFD.xml": f'<{root} xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>',
                   "Doc_0/Document.xml": "<ofd:Document xmlns:ofd='http://www.ofdspec.org/2016'/>"})


def compound(*streams: str) -> bytes:
    """A minimal OLE2 compound file (MS-CFB v3) whose directory names `streams`."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    directory = bytearray(512)
    for index, name in enumerate(("Root Entry", *streams)):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry = index * 128
        directory[entry:entry + len(encoded)] = encoded
        struct.pack_into("<HB", directory, entry + 0x40, len(encoded), 5 if index == 0 else 2)
    return bytes(header) + fat + bytes(directory)


def jpeg_with_gps(*, orientation: int = 1, size=(40, 20), comment: bytes = b"") -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0112] = orientation
    exif[GPS_IFD] = {1: "N", 2: (30.0, 27.0, 36.0), 3: "E", 4: (106.0, 37.0, 48.0)}
    out = io.BytesIO()
    options = {"comment": comment} if comment else {}
    image.save(out, "JPEG", exif=exif, quality=90, **options)
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL import PngImagePlugin

    image = Image.new("RGBA", (8, 8), (0, 128, 0, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "张三 13912345678")
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (30.0, 27.0, 36.0)}
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()
