"""The file types the platform stores, and the refusals when content is none of them.

A type is a property of the bytes, never of the file name or the browser's Content-Type header
(docs/adr/0017-private-file-store.md). Every refusal carries a stable code and a Chinese message.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zwfw.core.errors import ValidationFailed


@dataclass(frozen=True)
class FileType:
    code: str
    extension: str
    content_type: str
    label: str


_TYPES = [
    FileType("pdf", "pdf", "application/pdf", "PDF"),
    FileType("ofd", "ofd", "application/ofd", "OFD"),
    FileType("jpeg", "jpg", "image/jpeg", "JPG"),
    FileType("png", "png", "image/png", "PNG"),
    FileType("doc", "doc", "application/msword", "DOC"),
    FileType("xls", "xls", "application/vnd.ms-excel", "XLS"),
    FileType("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    FileType("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    FileType("pptx", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"),
]
FILE_TYPES: dict[str, FileType] = {t.code: t for t in _TYPES}
IMAGE_TYPES = frozenset({"jpeg", "png"})


class FileRefused(ValidationFailed):
    """An upload the store will not keep. `field` is always "file" so forms show it in place."""

    def __init__(self, message, *, code: str) -> None:
        super().__init__(str(message), code=code, field_errors={"file": [str(message)]})


# Stable codes: callers, tests and the API match on these, never on the message.
REFUSALS = {
    "file_empty": _("文件是空的"),
    "file_too_large": _("文件过大：不能超过 %(mb)s MB"),
    "file_type_not_allowed": _("只能上传 %(types)s 文件"),
    "file_active_content": _("不能上传网页、SVG 图片、脚本或可执行文件"),
    "file_polyglot": _("文件中夹带了网页、脚本或压缩包内容，已拒绝"),
    "file_damaged": _("文件已损坏或格式不完整，请重新导出后上传"),
    "file_macros": _("不能上传含宏的 Office 文件，请另存为不含宏的格式"),
    "file_archive_too_large": _("文件解压后过大或包含的条目过多"),
    "file_image_too_large": _("图片尺寸过大：不能超过 %(mp)s 百万像素"),
}


def refuse(code: str, **params) -> FileRefused:
    message = REFUSALS[code]
    return FileRefused(str(message) % params if params else message, code=code)


def types_label(codes) -> str:
    """"PDF、JPG、PNG" for a purpose's allowed types, in the table's order."""
    return "、".join(t.label for t in _TYPES if t.code in codes)
