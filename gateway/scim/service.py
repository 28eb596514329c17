"""scim2-server's protocol steps, where roster answers differently from the defaults."""

import json
from typing import Any

from scim2_models import (
    Context,
    PatchOp,
    PreconditionFailedException,
    Resource,
    ResourceType,
    ResponseParameters,
)
from scim2_server.conditions import Conditions
from scim2_server.handler import AsyncScimHandler
from scim2_server.requests import ScimRequest
from scim2_server.responses import ScimResponse
from scim2_server.service import ScimService
from scim2_server.utils import parametrize

from gateway.scim.entra import in_rfc_forms, operation_count

# A write that lost a race without If-Match is applied again to what won it.
WRITE_ATTEMPTS = 10


class RosterScimService(ScimService):
    """Bodies are limited like GraphQL's (ROSTER_MAX_BODY_BYTES); a PATCH answers 200 with
    the resource, which Okta expects (RFC 7644 §3.5.2 allows it; 204 is the other choice)."""

    def __init__(self, *args: Any, max_body_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_body_bytes = max_body_bytes

    def max_body_size(self, request: ScimRequest) -> int | None:
        limit = super().max_body_size(request)
        if limit is not None:  # an unknown path (0), or a bulk request (not offered: 0)
            return limit
        return self.max_body_bytes

    def read_patch(
        self, resource_type: ResourceType, body: bytes, content_type: str | None
    ) -> "PatchOp[Any]":
        try:
            parsed = json.loads(body)
        except ValueError:  # malformed JSON: scim2-server answers it (400 invalidSyntax)
            return super().read_patch(resource_type, body, content_type)
        model = self.get_model(resource_type)
        rewritten = in_rfc_forms(parsed, model)
        if operation_count(parsed) and not operation_count(rewritten):
            # Every operation wrote what roster derives: a PATCH that changes nothing.
            self.ensure_patch_supported()
            self.ensure_json(content_type)
            return parametrize(PatchOp, model).model_construct(operations=[])
        return super().read_patch(resource_type, json.dumps(rewritten).encode(), content_type)

    def patch_response(
        self,
        base_url: str,
        resource: Resource[Any],
        response_parameters: ResponseParameters[Any],
    ) -> ScimResponse:
        return self.resource_response(
            self.publish(base_url, resource),
            Context.RESOURCE_REPLACEMENT_RESPONSE,
            response_parameters,
        )


def _conditional(conditions: Conditions) -> bool:
    return conditions.if_match is not None or conditions.if_none_match is not None


class SerializingHandler(AsyncScimHandler):
    """Concurrent writes to one resource serialize: the domain functions lock the row and
    check the version the handler read. With If-Match the client asked for that version, so
    a lost race is its 412; without, the write is applied again to the winner's state."""

    async def patch_resource(
        self,
        resource_type: ResourceType,
        resource_id: str,
        patch_op: "PatchOp[Any]",
        conditions: Conditions,
    ) -> Resource[Any]:
        for attempt in range(WRITE_ATTEMPTS):
            try:
                return await super().patch_resource(
                    resource_type, resource_id, patch_op, conditions
                )
            except PreconditionFailedException:
                if _conditional(conditions) or attempt == WRITE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    async def replace_resource(
        self,
        resource_type: ResourceType,
        current: Resource[Any],
        replacement: Resource[Any],
        conditions: Conditions,
    ) -> Resource[Any]:
        for attempt in range(WRITE_ATTEMPTS):
            try:
                return await super().replace_resource(
                    resource_type, current, replacement.model_copy(deep=True), conditions
                )
            except PreconditionFailedException:
                if _conditional(conditions) or attempt == WRITE_ATTEMPTS - 1:
                    raise
            assert current.id is not None
            current = await self.storage.get(resource_type, current.id)
        raise AssertionError("unreachable")

    async def delete_resource(
        self, resource_type: ResourceType, resource_id: str, conditions: Conditions
    ) -> None:
        for attempt in range(WRITE_ATTEMPTS):
            try:
                await super().delete_resource(resource_type, resource_id, conditions)
                return
            except PreconditionFailedException:
                if _conditional(conditions) or attempt == WRITE_ATTEMPTS - 1:
                    raise
