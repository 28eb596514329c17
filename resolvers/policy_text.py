"""The chart's rules in words: the descriptions of the fields that answer them.

A chart field's ``description=`` is ``describe(...)`` of its rule, so what the schema
says a field answers is what the policy table makes it answer.
"""

from db.enums import Product
from resolvers import policy

# Every chart field's description starts so; a test ties each such field to its rule.
CHART_MARK = "Chart, "

_PRODUCT_LABELS: dict[Product, str] = {
    Product.ADMIN: "Admin",
    Product.ANALYTICS: "Analytics",
    Product.PHONE: "Phone",
    Product.PHONE_MOBILE: "Phone Mobile",
    Product.CALL_CENTER: "Call Center",
}


def _yes_no(shown: bool) -> str:
    return "Yes" if shown else "No"


def deactivated_answer(rule: policy.Rule) -> str:
    """The article's answer for a deactivated user."""
    return _yes_no(policy.shows(rule.visibility, policy.facts(False)))


def activated_answer(rule: policy.Rule) -> str:
    """The article's answer for an activated user (with whatever else the row needs)."""
    return _yes_no(policy.shows(rule.visibility, policy.facts(True, True, True)))


def answer_text(rule: policy.Rule) -> str:
    """The rule's question and the article's two answers, as the article words them."""
    if rule.important:
        return f'IMPORTANT: "{rule.question}"'
    remark = f" ({rule.remark})" if rule.remark else ""
    return (
        f'"{rule.question}" Deactivated user: {deactivated_answer(rule)}{remark}; '
        f"activated user: {activated_answer(rule)}."
    )


def rule_text(rule: policy.Rule) -> str:
    """What a chart field's description says of ``rule``."""
    return f"{_PRODUCT_LABELS[rule.product]}: {answer_text(rule)}"


def describe(field: str, type_name: str = "User", *, then: str | None = None) -> str:
    """The description of the chart field ``type_name.field``: its rule's words, then ``then``."""
    if (type_name, field) == ("User", "canLogIn"):
        rules = [policy.login_rule(product) for product in Product]
        text = f"{CHART_MARK}every product: {' '.join(rule_text(rule) for rule in rules)}"
    else:
        text = CHART_MARK + rule_text(policy.rule_for(field, type_name))
    return f"{text} {then}" if then else text
