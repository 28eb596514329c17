"""roster's planned field execution: graphql-core's executor without the per-field
machinery that plain fields do not need (docs/executor.md).

- ``plans``: which fields are plain, and how to answer each (once, at schema build);
- ``resolver_calls``: calling a resolver as Strawberry lays out its parameters;
- ``steps``: a grouped field set's fields with their plans (once per operation);
- ``arguments``: converted arguments, shared across a list only when immutable;
- ``deferred_info``: a resolve info whose parts are worked out when read;
- ``base``, ``leaves``, ``objects``, ``executor``: the execution context, by job;
- ``versions``: the graphql-core and Strawberry versions it was verified against.
"""

from schemas.execution.executor import DirectFieldExecutor
from schemas.execution.plans import FIELD_PLANS, plan_fields

__all__ = ["FIELD_PLANS", "DirectFieldExecutor", "plan_fields"]
