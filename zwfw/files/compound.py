"""The stream names of an OLE2 compound file (MS-CFB), enough to tell .doc from .xls.

A compound file is a small FAT file system: a 512-byte header, sectors chained through a file
allocation table, and a directory whose 128-byte entries name the streams ("WordDocument" in a
Word file, "Workbook" or "Book" in an Excel file, "Macros"/"_VBA_PROJECT_CUR" when it carries
macros). Only the directory is read; every chain walk is bounded so a crafted file cannot loop.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = 0xFFFFFFFE
FREE_SECT = 0xFFFFFFFF
MAX_DIRECTORY_SECTORS = 4096


class CompoundError(ValueError):
    pass


def _sector(data: bytes, number: int, size: int) -> bytes:
    start = (number + 1) * size
    if number >= 0xFFFFFFFA or start + size > len(data):
        raise CompoundError("sector out of range")
    return data[start:start + size]


def _fat_sector_numbers(data: bytes, size: int, count: int) -> list[int]:
    header = data[:512]
    numbers = [n for n in struct.unpack_from("<109I", header, 0x4C) if n not in (FREE_SECT, END_OF_CHAIN)]
    next_difat, difat_count = struct.unpack_from("<II", header, 0x44)
    per_sector = size // 4 - 1
    for _ in range(difat_count):
        if next_difat in (FREE_SECT, END_OF_CHAIN):
            break
        values = struct.unpack(f"<{per_sector + 1}I", _sector(data, next_difat, size))
        numbers.extend(n for n in values[:per_sector] if n not in (FREE_SECT, END_OF_CHAIN))
        next_difat = values[per_sector]
    return numbers[:count]


def stream_names(data: bytes) -> set[str]:
    """Lower-cased names of the storages and streams in the compound file's directory."""
    if len(data) < 512 or not data.startswith(MAGIC):
        raise CompoundError("not a compound file")
    shift, = struct.unpack_from("<H", data, 0x1E)
    if shift not in (9, 12):
        raise CompoundError("bad sector size")
    size = 1 << shift
    fat_count, first_directory = struct.unpack_from("<II", data, 0x2C)
    fat: list[int] = []
    for number in _fat_sector_numbers(data, size, fat_count):
        fat.extend(struct.unpack(f"<{size // 4}I", _sector(data, number, size)))
    names: set[str] = set()
    sector, seen = first_directory, 0
    while sector != END_OF_CHAIN:
        seen += 1
        if seen > MAX_DIRECTORY_SECTORS or sector >= len(fat):
            raise CompoundError("directory chain too long or broken")
        block = _sector(data, sector, size)
        for offset in range(0, size, 128):
            length, kind = struct.unpack_from("<HB", block, offset + 0x40)
            if kind in (1, 2, 5) and 2 <= length <= 64:
                names.add(block[offset:offset + length - 2].decode("utf-16-le", "replace").lower())
        sector = fat[sector]
    if not names:
        raise CompoundError("empty directory")
    return names
