"""SCIM requests by client: which identity provider talks to roster, and how it fares.

The client label is one of a fixed few, derived from the User-Agent: never the header
itself, which a caller writes freely.
"""

from prometheus_client import CollectorRegistry, Counter

from gateway.telemetry.metrics_names import scim_method_label

ENTRA = "entra"
OKTA = "okta"
OTHER_CLIENT = "other"
# Microsoft Entra ID's provisioning service (formerly Azure AD's) names itself
# "Microsoft Azure AD SCIM provisioning <version>"; Okta's "Okta SCIM Client <version>".
_ENTRA_MARKS = ("azure ad", "azuread", "entra", "microsoft")
_OKTA_MARKS = ("okta",)


def scim_client(user_agent: str | None) -> str:
    """``entra``, ``okta`` or ``other``, from a request's User-Agent."""
    agent = (user_agent or "").lower()
    if any(mark in agent for mark in _OKTA_MARKS):
        return OKTA
    if any(mark in agent for mark in _ENTRA_MARKS):
        return ENTRA
    return OTHER_CLIENT


class ScimMetrics:
    """``roster_scim_requests_total{client, method, status}``: the SCIM door's hook."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter(
            "roster_scim_requests",
            "SCIM requests answered, by identity provider (from the User-Agent), HTTP "
            "method and response status.",
            ["client", "method", "status"],
            registry=registry,
        )

    def scim_answered(self, *, method: str, status: int, user_agent: str | None) -> None:
        client = scim_client(user_agent)
        code = str(status) if 100 <= status <= 599 else "other"
        self.requests.labels(client, scim_method_label(method), code).inc()
