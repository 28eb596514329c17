"""What the SCIM door serves and announces: User (with the enterprise extension) and Group,
trimmed to what roster keeps (gateway/scim/resources.py), and only the capabilities it
implements (RFC 7643 §5). Everything else answers 501 through scim2-server."""

from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    ETag,
    Filter,
    Patch,
    ResourceType,
    ScimPolicy,
    ScimProvider,
    ServiceProviderConfig,
    Sort,
)

from gateway.scim.resources import EnterpriseUser, RosterGroup, RosterUser, ScimUser

# A page holds at most this many resources, whatever `count` asks (RFC 7644 §3.4.2.4).
MAX_RESULTS = 100


def service_provider_config(documentation_uri: str | None) -> ServiceProviderConfig:
    """What the door announces; ``documentation_uri`` is where docs/scim.md is published
    (ROSTER_SCIM_DOCUMENTATION_URL), as the RFC wants an absolute URL."""
    return ServiceProviderConfig(
        documentation_uri=documentation_uri,
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        # Lists come in id order; sortBy answers 501 (scim2-server refuses it before the storage).
        sort=Sort(supported=False),
        etag=ETag(supported=True),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Bearer token",
                description=(
                    "A tenant's SCIM token (roster token create --scim --tenant SLUG), "
                    "sent as Authorization: Bearer <token>."
                ),
                documentation_uri=documentation_uri,
                primary=True,
            )
        ],
    )


# How far roster follows the clients' deviations. An attribute or schema URI roster does
# not keep is accepted and dropped (RFC 7644 §3.3 lets a service provider ignore what it
# does not keep: Okta sends locale, Entra title and Microsoft's group schema URI); a
# PATCH remove whose value lists what to remove is applied (Entra's default member
# removal: "op": "Remove", "path": "members", "value": [{"value": id}]).
POLICY = ScimPolicy(
    unknown=ScimPolicy.Unknown.ignore,
    remove_value_as_filter=ScimPolicy.RemoveValue.apply,
)


def scim_provider(documentation_uri: str | None = None) -> ScimProvider:
    """Users (the enterprise extension optional on them) and Groups."""
    return ScimProvider(
        models=[RosterUser, EnterpriseUser, RosterGroup],
        resource_types=[
            ResourceType.from_resource(ScimUser),
            ResourceType.from_resource(RosterGroup),
        ],
        config=service_provider_config(documentation_uri),
        policy=POLICY,
    )
