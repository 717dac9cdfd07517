"""The archive of concluded cases (ADR 0033): who may read it (`selectors`) and the package of one
case's whole file with a manifest of SHA-256 hashes (`package`)."""
