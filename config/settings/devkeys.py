"""The development and test keys. They are in this public repository (and the README says they
are the defaults): anyone can read them, so `check --deploy` refuses to pass while any of them is
configured (zwfw.core.checks.development_keys_check)."""

DEV_SECRET_KEY = "dev-insecure-key-change-me-in-production-0123456789abcdef"
TEST_SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghij"
DEV_DATA_KEY = "00112233445566778899aabbccddeeff"
DEV_DIGEST_KEY = "ffeeddccbbaa99887766554433221100"
DEV_AUDIT_KEY = "a0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f"

PUBLISHED_KEYS = frozenset({DEV_SECRET_KEY, TEST_SECRET_KEY, DEV_DATA_KEY, DEV_DIGEST_KEY, DEV_AUDIT_KEY})
