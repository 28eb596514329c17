"""Signing secrets in the Standard Webhooks format: ``whsec_`` + base64 of random bytes."""

import base64
import secrets

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32  # the specification asks for 24 to 64


def new_secret() -> str:
    """A fresh signing secret; roster shows it once (createWebhookEndpoint,
    rotateWebhookSecret) and keeps it only to sign."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()
