"""SCIM 2.0 (RFC 7643/7644): the identity providers' door, beside GraphQL, over the same
domain functions. scim2-server speaks the protocol; this package maps roster to it."""
