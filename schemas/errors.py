"""Errors as the schema shows them."""

import strawberry
from graphql import GraphQLError

from resolvers.errors import UserErrorData
from schemas.enums import UserErrorCode


@strawberry.federation.type(shareable=True, description="An input the mutation refused, and why.")
class UserError:
    code: UserErrorCode = strawberry.field(description="What kind of refusal this is.")
    message: str = strawberry.field(description="A sentence for the person who sent the input.")
    field: list[str] | None = strawberry.field(
        description='Path into the input, e.g. ["input", "userId"].'
    )

    @classmethod
    def of(cls, error: UserErrorData) -> "UserError":
        return cls(
            code=error.code,
            message=error.message,
            field=list(error.field) if error.field is not None else None,
        )


def user_errors(errors: list[UserErrorData]) -> list[UserError]:
    return [UserError.of(error) for error in errors]


def forbidden_error(message: str = "Only an admin may see this.") -> GraphQLError:
    return GraphQLError(message, extensions={"code": "FORBIDDEN"})


def invalid_input_error(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "INVALID_INPUT"})


def not_found_error(message: str) -> GraphQLError:
    """An argument naming nothing of the caller's tenant (another tenant's id too)."""
    return GraphQLError(message, extensions={"code": "NOT_FOUND"})
