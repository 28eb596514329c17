"""Who calls: roster's own API tokens and identity providers' sign-in tokens (JWTs), both
yielding the same caller, checked against the database on every request.

``authenticate.Authenticator`` chooses by the token's shape; ``bearer`` reads the header;
``api_tokens`` and ``sign_in`` are the two paths; ``jwt_verifier`` and ``jwks`` check a
JWT's signature and claims; ``oidc_config`` reads ROSTER_OIDC_PROVIDERS.
"""
