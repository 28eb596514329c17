"""Completing objects and lists of objects straight to their fields.

graphql-core completes an object through ``complete_value``'s type tests,
``complete_object_value``, ``collect_and_execute_subfields`` and
``execute_collected_subfields``; a list of objects item by item the same way. Here an
object goes straight to ``execute_fields``, and a list's item type has its fields
collected once for every item. Whatever graphql-core would complete otherwise (a null or
``Undefined``, an exception, an awaitable, a value its type refuses, a stream, a
deferred fragment) takes graphql-core's own path.
"""

from typing import Any

from graphql import GraphQLNonNull, GraphQLObjectType, Undefined
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path

from schemas.execution.base import PlannedExecutorBase, with_awaited


class ObjectCompletion(PlannedExecutorBase):
    def complete_value(
        self,
        return_type: Any,
        field_details_list: FieldDetailsList,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        object_type = return_type.of_type if type(return_type) is GraphQLNonNull else return_type
        if (
            type(object_type) is GraphQLObjectType
            and position_context is None
            and result is not None
            and result is not Undefined  # null, as graphql-core completes it
            and not isinstance(result, Exception)
            and (object_type.is_type_of is None or object_type.is_type_of(result, info) is True)
        ):
            grouped_field_set, new_defer_usages, _ = self.collect_subfields(
                object_type, field_details_list
            )
            if not new_defer_usages:
                return self.execute_fields(object_type, result, path, grouped_field_set, None)
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def complete_iterable_value(
        self,
        item_type: Any,
        field_details_list: FieldDetailsList,
        info: Any,
        path: Path,
        items: Any,
        position_context: Any,
    ) -> Any:
        object_type = item_type.of_type if type(item_type) is GraphQLNonNull else item_type
        if (
            type(object_type) is not GraphQLObjectType
            or position_context is not None
            or type(items) not in (list, tuple)
            or self.get_stream_usage(field_details_list, path) is not None
        ):
            return super().complete_iterable_value(
                item_type, field_details_list, info, path, items, position_context
            )
        grouped_field_set, new_defer_usages, _ = self.collect_subfields(
            object_type, field_details_list
        )
        if new_defer_usages:
            return super().complete_iterable_value(
                item_type, field_details_list, info, path, items, position_context
            )
        is_awaitable = self.is_awaitable
        is_type_of = object_type.is_type_of
        execute_fields = self.execute_fields
        completed: list[Any] = []
        awaitable_indices: list[int] = []
        try:
            for index, item in enumerate(items):
                item_path = path.add_key(index, None)
                if (
                    item is None
                    or item is Undefined
                    or isinstance(item, Exception)
                    or is_awaitable(item)
                    or (is_type_of is not None and is_type_of(item, info) is not True)
                ):
                    if self._complete_item(
                        item, completed, item_type, field_details_list, info, item_path
                    ):
                        awaitable_indices.append(index)
                    continue
                try:
                    value = execute_fields(object_type, item, item_path, grouped_field_set, None)
                except Exception as raw_error:
                    self.handle_field_error(raw_error, item_type, field_details_list, item_path)
                    value = None
                else:
                    if is_awaitable(value):
                        value = self.awaited_field(value, item_type, field_details_list, item_path)
                        awaitable_indices.append(index)
                completed.append(value)
        except Exception:
            # A non-null item failed: the list is null; settle what is already running.
            if awaitable_indices:
                self.settle_in_background([completed[index] for index in awaitable_indices])
            raise
        if not awaitable_indices:
            return completed
        return with_awaited(completed, awaitable_indices)

    def _complete_item(
        self,
        item: Any,
        completed: list[Any],
        item_type: Any,
        field_details_list: FieldDetailsList,
        info: Any,
        item_path: Path,
    ) -> bool:
        """graphql-core's completion of one list item; True when it is awaitable."""
        if self.is_awaitable(item):
            completed.append(
                self.complete_awaitable_list_item_value(
                    item, item_type, field_details_list, info, item_path, None
                )
            )
            return True
        return self.complete_list_item_value(
            item, completed, item_type, field_details_list, info, item_path, None
        )
