"""The raw baseline: each read as hand-written SQL serialized with orjson, no GraphQL."""
