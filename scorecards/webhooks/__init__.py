"""Webhooks: admins register endpoints per event; each event becomes one signed delivery per
endpoint, sent by the background worker with retries, logged with every response."""
