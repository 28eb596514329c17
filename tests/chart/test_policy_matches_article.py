"""The policy table says what the help article says: its questions, word for word, and answers."""

from pathlib import Path

import pytest

from db.enums import Product
from resolvers import policy
from schemas.admin.types import ActivationPolicyRule

ARTICLE = (
    Path(__file__).resolve().parents[3] / "shared" / "seed" / "user-activation-help-article.txt"
)

# The chart as the article prints it: (product, question, deactivated answer, activated answer).
CHART = [
    (Product.ADMIN, "Can this user log in to MiiTel Admin?", "No", "Yes"),
    (Product.ADMIN, "Will this user be included in the list of available users?", "No", "Yes"),
    (Product.ADMIN, "Will this user keep their phone number?", "Yes", "Yes"),
    (Product.ADMIN, "Will this user still be included in the user group?", "Yes", "Yes"),
    (Product.ANALYTICS, "Can this user log in to MiiTel Analytics?", "No", "Yes"),
    (
        Product.ANALYTICS,
        "Will Zoom, Microsoft Teams, and Google Meet integration settings be kept?",
        "No",
        "Yes",
    ),
    (
        Product.ANALYTICS,
        "Will this user's call history still be available in Call History?",
        "Yes",
        "Yes",
    ),
    (
        Product.ANALYTICS,
        "Will this user's meeting history be available in Video Analytics?",
        "Yes",
        "Yes",
    ),
    (
        Product.ANALYTICS,
        "Can this user be included in the conditions for the Dashbaord?",
        "Yes",
        "Yes",
    ),
    (
        Product.ANALYTICS,
        "Is the call history of this user also aggregated in Overview of the dashboard?",
        "Yes",
        "Yes",
    ),
    (
        Product.ANALYTICS,
        "Will this user's data still be available in Table (By user) of the Dashboard?",
        "No",
        "Yes",
    ),
    (
        Product.ANALYTICS,
        "Will this user's data be aggregated in Table (By day, By week, By month) of the Dashboard?",
        "Yes",
        "Yes",
    ),
    (
        Product.ANALYTICS,
        "When entering a comment, will this user be displayed as a suggestion for the mention?",
        "No",
        "Yes",
    ),
    (Product.PHONE, "Can this user log in to MiiTel Phone?", "No", "Yes"),
    (Product.PHONE, "Will the username be displayed in Menu > User?", "No", "Yes"),
    (Product.PHONE_MOBILE, "Can this user log in to MiiTel Phone Mobile?", "No", "Yes"),
    (Product.PHONE_MOBILE, "Will the user name be displayed under Internal?", "No", "Yes"),
    (Product.CALL_CENTER, "Can this user log in to MiiTel Call Center?", "No", "Yes"),
    (
        Product.CALL_CENTER,
        "Will this user be displayed in the User list of the Real-time monitor?",
        "No",
        "Yes",
    ),
    (Product.CALL_CENTER, "Will this user be displayed in the Seat map?", "No", "Yes"),
    (Product.CALL_CENTER, "Will this user be displayed in the report?", "No", "Yes"),
]


def test_the_policy_rows_are_the_charts_rows_in_order_with_its_answers():
    rows = [ActivationPolicyRule.of(rule) for rule in policy.CHART_ROWS]
    assert [
        (r.product, r.question, r.deactivated_answer, r.activated_answer) for r in rows
    ] == CHART


@pytest.mark.skipif(
    not ARTICLE.exists(), reason=f"the help article is not beside the checkout: {ARTICLE}"
)
def test_every_question_and_remark_is_worded_as_in_the_article():
    text = " ".join(ARTICLE.read_text().split())
    for rule in policy.RULES:
        assert rule.question in text, rule.question
        if rule.remark:
            assert rule.remark in text, rule.remark
