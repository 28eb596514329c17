"""The clients' PATCH forms that RFC 7644 does not define, in the RFC's terms, before
scim2-models reads and applies them (the provider's policy covers the rest of their dialects).

- A write to what roster derives (the read-only attributes /Schemas publishes:
  phoneNumbers, groups, name.formatted, members.display, manager.displayName) is
  ignored, as RFC 7644 §3.5.1 has a PUT ignore them: Okta adds members with their
  display, Entra's default mapping replaces phoneNumbers[type eq "work"].value and
  name.formatted. Refusing them (400 mutability) would refuse the clients' defaults.

- The tutorial removes members as ``[{"$ref": null, "value": id}]``: a null is an
  unassigned attribute (RFC 7643 §2.5), so it selects nothing and is left out of the
  selection a remove value makes (the policy's remove_value_as_filter).
- Its Example 5 names the manager by its short path, ``"path": "manager"``, with a list
  of one reference; the known-issues page's default mapping sends the manager's id as a
  plain string. Both are the enterprise extension's manager, a single complex value.
"""

from typing import Any

from scim2_models import EnterpriseUser, Mutability, Resource, SCIMException
from scim2_models.path import Path

ENTERPRISE = str(EnterpriseUser.__schema__)
# The enterprise attributes, by the short name Entra may use for them (lower case).
SHORT_NAMES = {
    name.lower(): name
    for name in (
        "employeeNumber",
        "costCenter",
        "organization",
        "division",
        "department",
        "manager",
    )
}
MANAGER = f"{ENTERPRISE}:manager".lower()


def _read_only(path_type: type[Path[Any]], text: str) -> bool:
    try:
        binding = path_type(text).resolve()
    except (ValueError, SCIMException):  # no attribute path: scim2-models answers it
        return False
    if binding is None:
        return False
    return Mutability.read_only in (
        binding.model.get_field_annotation(binding.field_name, Mutability),
        binding.get_annotation(Mutability),
    )


def _writable(path_type: type[Path[Any]], prefix: str, value: Any) -> Any:
    """``value`` (written at ``prefix``) without what it says of read-only attributes."""
    if isinstance(value, list):
        return [_writable(path_type, prefix, entry) for entry in value]
    if not isinstance(value, dict):
        return value
    kept = {}
    for key, item in value.items():
        separator = ":" if prefix.lower() == ENTERPRISE.lower() else "."
        text = f"{prefix}{separator}{key}" if prefix else key
        if key == "schemas" or not _read_only(path_type, text):
            kept[key] = _writable(path_type, text, item)
    return kept


def _without_nulls(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    return [
        {key: item for key, item in entry.items() if item is not None}
        if isinstance(entry, dict)
        else entry
        for entry in value
    ]


def _manager_value(value: Any) -> Any:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, str):
        return {"value": value}
    return value


def _in_rfc_form(
    operation: dict[str, Any], path_type: type[Path[Any]], *, enterprise: bool
) -> dict[str, Any] | None:
    operation = dict(operation)
    text = operation.get("path")
    text = text if isinstance(text, str) else None
    if enterprise and text is not None and text.lower() in SHORT_NAMES:
        text = operation["path"] = f"{ENTERPRISE}:{SHORT_NAMES[text.lower()]}"
    if text and _read_only(path_type, text):
        return None
    if "value" not in operation:
        return operation
    if str(operation.get("op", "")).lower() == "remove":
        operation["value"] = _without_nulls(operation["value"])
        return operation
    operation["value"] = _writable(path_type, text or "", operation["value"])
    if text is not None and text.lower() == MANAGER:
        operation["value"] = _manager_value(operation["value"])
    return operation


def _operations(body: Any) -> Any:
    if not isinstance(body, dict):
        return None
    return next((value for key, value in body.items() if key.lower() == "operations"), None)


def operation_count(body: Any) -> int:
    """How many operations a PATCH request body (JSON) lists."""
    operations = _operations(body)
    return len(operations) if isinstance(operations, list) else 0


def in_rfc_forms(body: Any, model: type[Resource[Any]]) -> Any:
    """A PATCH request body (JSON) for a ``model`` resource with the forms above
    rewritten as the RFC's; a body of another shape is left for the validation."""
    operations = _operations(body)
    if not isinstance(operations, list):
        return body
    enterprise = EnterpriseUser in model.get_extension_models().values()
    path_type = Path.__class_getitem__(model)
    rewritten = []
    for operation in operations:
        if isinstance(operation, dict):
            operation = _in_rfc_form(operation, path_type, enterprise=enterprise)
        if operation is not None:
            rewritten.append(operation)
    return {key: rewritten if key.lower() == "operations" else value for key, value in body.items()}
