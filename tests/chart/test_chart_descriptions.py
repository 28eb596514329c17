"""The chart fields' descriptions are the policy rules' words, and every chart field has a rule."""

from graphql import GraphQLObjectType

from resolvers import policy
from resolvers.policy_text import CHART_MARK, answer_text, rule_text
from schemas.graph import plain_schemas


def _fields():
    schema = plain_schemas()["composed"]._schema
    for type_name, graphql_type in schema.type_map.items():
        if isinstance(graphql_type, GraphQLObjectType) and not type_name.startswith("__"):
            for field_name, field in graphql_type.fields.items():
                yield type_name, field_name, field.description or ""


def test_every_rule_s_words_are_in_the_description_of_the_field_that_answers_it():
    descriptions = {(type_name, name): text for type_name, name, text in _fields()}
    for rule in policy.RULES:
        description = descriptions[(rule.type_name, rule.field)]
        assert description.startswith(CHART_MARK), (rule.field, description)
        assert rule_text(rule) in description, (rule.field, description)


def test_every_field_the_schema_calls_a_chart_field_answers_a_rule():
    ruled = {(rule.type_name, rule.field) for rule in policy.RULES}
    chart_fields = {
        (type_name, name)
        for type_name, name, text in _fields()
        if text.startswith(CHART_MARK) or "Chart," in text
    }
    assert chart_fields == ruled


def test_a_rule_s_words_carry_the_article_s_question_answers_and_remark():
    rule = policy.rule_for("inCallCenterReport")
    assert rule_text(rule) == (
        'Call Center: "Will this user be displayed in the report?" Deactivated user: No '
        "(However, the user will be displayed if they were calling or answering calls during "
        "the period of the report.); activated user: Yes."
    )
    assert rule_text(policy.rule_for("groups")) == (
        'Admin: "Will this user still be included in the user group?" Deactivated user: Yes; '
        "activated user: Yes."
    )


def test_each_product_list_says_the_words_of_the_chart_row_it_obeys():
    descriptions = {(type_name, name): text for type_name, name, text in _fields()}
    for query, field in [
        ("availableUsers", "inAvailableUserList"),
        ("phoneUserMenu", "inPhoneUserMenu"),
        ("mobileInternalContacts", "inMobileInternalList"),
        ("realtimeMonitor", "inRealtimeMonitor"),
    ]:
        assert descriptions[("Query", query)].endswith(
            "by display name: the users the chart shows there. "
            + answer_text(policy.rule_for(field))
        ), query
