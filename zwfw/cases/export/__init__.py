"""The upward feed (`zwfw cases export`, ADR 0033): cases changed since a watermark, as JSON lines
in the data elements of GB/T 39046—2020 (tables 5–8)."""
