"""Background jobs (huey), the transactional outbox and job runs with progress."""
