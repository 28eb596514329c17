"""Operations that cross subgraphs: asked of the router and of the embedded graph alike."""

from dataclasses import dataclass, field
from typing import Any

# Seat map with its occupants as every product sees them: callCenter, admin, analytics,
# phone, phoneMobile.
SEAT_MAP = """
query SeatMap {
  seatMap {
    id label x y
    occupant {
      id displayName email active
      mentionable inDashboardByUser
      inPhoneUserMenu inMobileInternalList
      canLogIn(product: CALL_CENTER)
      inRealtimeMonitor visibleInSeatMap
      seat { label }
    }
  }
}
"""

# A page of users with a field from each of the five subgraphs, and nested entities.
USERS_PAGE = """
query UsersPage($first: Int!) {
  users(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id displayName email role status active deactivatedAt
        canLogIn(product: PHONE) inAvailableUserList
        groups { name }
        phoneNumbers { number }
        mentionable inDashboardByUser inDashboardByPeriod inDashboardOverview inDashboardConditions
        inPhoneUserMenu
        inMobileInternalList
        inRealtimeMonitor visibleInSeatMap seat { label occupant { displayName } }
      }
    }
  }
}
"""

# Product lists, each joined with other products' answers about the same people.
PRODUCT_LISTS = """
query ProductLists {
  realtimeMonitor { displayName email mentionable inPhoneUserMenu }
  phoneUserMenu { displayName inMobileInternalList seat { label } }
  mobileInternalContacts { displayName inRealtimeMonitor canLogIn(product: ANALYTICS) }
}
"""

# The Call Center report, its users' other facts, and the same period asked per user.
CALL_CENTER_REPORT = """
query Report($from: DateTime!, $to: DateTime!) {
  callCenterReport(from: $from, to: $to) {
    inboundCount outboundCount totalTalkSeconds
    user {
      displayName active
      inCallCenterReport(from: $from, to: $to)
      inDashboardByUser mentionable inPhoneUserMenu
    }
  }
}
"""

# Rules that ring someone, the admin's view, with the target's product facts.
INCOMING_CALL_RULES = """
query Rules {
  incomingCallRules {
    name action receivable
    phoneNumber { number }
    targetUser { displayName inPhoneUserMenu inMobileInternalList visibleInSeatMap mentionable }
  }
}
"""

# One user by id, and one by `node`, with every product's fields.
USER_BY_ID = """
query OneUser($id: ID!) {
  user(id: $id) {
    displayName status
    inPhoneUserMenu inMobileInternalList inRealtimeMonitor mentionable
    seat { label }
  }
  node(id: $id) {
    id
    ... on User { email inDashboardByUser visibleInSeatMap inPhoneUserMenu }
  }
}
"""


@dataclass(frozen=True)
class Operation:
    name: str
    query: str
    variables: dict[str, Any] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        return {"query": self.query, "variables": self.variables}
