"""Notifications: one `notify` service; in-app inbox, SMS and e-mail delivered through the outbox."""
