"""What each kind of token is called where it shows: its noun in messages, the GraphQL
type its audit entries target, and the actions they record."""

from dataclasses import dataclass

from db.enums import AuditAction, TokenKind


@dataclass(frozen=True, slots=True)
class TokenKindFacts:
    noun: str  # as a NOT_FOUND message names it
    target_type: str  # the GraphQL type the audit entry's target is
    created: AuditAction
    revoked: AuditAction


KIND_FACTS = {
    TokenKind.USER: TokenKindFacts(
        "API token", "ApiToken", AuditAction.API_TOKEN_CREATED, AuditAction.API_TOKEN_REVOKED
    ),
    TokenKind.SCIM: TokenKindFacts(
        "SCIM token", "ScimToken", AuditAction.SCIM_TOKEN_CREATED, AuditAction.SCIM_TOKEN_REVOKED
    ),
    TokenKind.SERVICE: TokenKindFacts(
        "service token",
        "ServiceToken",
        AuditAction.SERVICE_TOKEN_CREATED,
        AuditAction.SERVICE_TOKEN_REVOKED,
    ),
}
