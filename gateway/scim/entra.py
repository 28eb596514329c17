"""Microsoft Entra ID's PATCH forms that RFC 7644 does not define, in the RFC's terms,
before scim2-models applies them (the provider's policy covers the rest of its dialect).

- The tutorial removes members as ``[{"$ref": null, "value": id}]``: a null is an
  unassigned attribute (RFC 7643 §2.5), so it selects nothing and is left out of the
  selection a remove value makes (the policy's remove_value_as_filter).
- Its Example 5 names the manager by its short path, ``"path": "manager"``, with a list
  of one reference; the known-issues page's default mapping sends the manager's id as a
  plain string. Both are the enterprise extension's manager, a single complex value.
"""

from typing import Any

from scim2_models import EnterpriseUser, PatchOp, PatchOperation, Resource

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


def _in_rfc_form(operation: PatchOperation[Any], *, enterprise: bool) -> PatchOperation[Any]:
    update: dict[str, Any] = {}
    path = operation.path
    text = str(path) if path is not None else None
    if enterprise and path is not None and text is not None and text.lower() in SHORT_NAMES:
        text = f"{ENTERPRISE}:{SHORT_NAMES[text.lower()]}"
        update["path"] = type(path)(text)
    if operation.op == PatchOperation.Op.remove:
        update["value"] = _without_nulls(operation.value)
    elif text is not None and text.lower() == MANAGER:
        update["value"] = _manager_value(operation.value)
    return operation.model_copy(update=update) if update else operation


def in_rfc_forms(patch_op: "PatchOp[Any]", resource: Resource[Any]) -> "PatchOp[Any]":
    """``patch_op`` of ``resource`` with Entra's forms above rewritten as the RFC's."""
    enterprise = EnterpriseUser in type(resource).get_extension_models().values()
    operations = [
        _in_rfc_form(operation, enterprise=enterprise) for operation in patch_op.operations or []
    ]
    return patch_op.model_copy(update={"operations": operations})
