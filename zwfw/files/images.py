"""Strip the metadata of uploaded photos and scans (EXIF with GPS position, XMP, comments).

A phone photo of an ID card carries where and when it was taken and on which device; none of it
is needed to handle a case, so the stored image is re-written by Pillow with only what the
picture needs to look right: the colour profile, the resolution and PNG transparency. The EXIF
orientation is applied to the pixels first, so a portrait photo stays upright without it.
"""

from __future__ import annotations

import io
import struct
import warnings

from PIL import Image, ImageOps

from .types import refuse

# Pixels, not bytes: a small file can decode to a huge bitmap (a decompression bomb). 70 million
# pixels holds a 50-megapixel phone photo and an A3 scan at 600 dpi (7016 × 9921).
MAX_IMAGE_PIXELS = 70_000_000
KEPT_INFO = {"JPEG": ("icc_profile", "dpi"), "PNG": ("icc_profile", "dpi", "transparency")}
ORIENTATION = 0x0112


def image_without_metadata(data: bytes, *, expected_format: str) -> bytes:
    """The image re-written without metadata; FileRefused when it does not decode."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format != expected_format:
                raise refuse("file_damaged")
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise refuse("file_image_too_large", mp=MAX_IMAGE_PIXELS // 1_000_000)
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise refuse("file_image_too_large", mp=MAX_IMAGE_PIXELS // 1_000_000) from exc
    except (OSError, ValueError, SyntaxError, struct.error) as exc:
        raise refuse("file_damaged") from exc
    kept = {key: image.info[key] for key in KEPT_INFO[expected_format] if key in image.info}
    rotated = image.getexif().get(ORIENTATION, 1) not in (0, 1)
    out = io.BytesIO()
    if expected_format == "JPEG":
        if rotated:
            image = ImageOps.exif_transpose(image)
            options = {"quality": 95}
        else:
            # Same quantisation tables and subsampling as the upload: no visible loss.
            options = {"quality": "keep", "subsampling": "keep"}
        image.info = {}
        image.save(out, "JPEG", **options, **kept)
    else:
        if rotated:
            image = ImageOps.exif_transpose(image)
        image.info = {}
        image.save(out, "PNG", **kept)
    return out.getvalue()

