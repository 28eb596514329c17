"""The GraphQL documents the benchmark sends: what the product frontends ask for."""

SEAT_MAP = """query SeatMap {
  seatMap {
    id label x y
    occupant { id displayName status inPhoneUserMenu inRealtimeMonitor visibleInSeatMap }
  }
}"""

# Every User field of the five subgraphs; nested objects with their own scalar fields.
USERS_PAGE = """query UsersPage($first: Int!, $after: String, $from: DateTime!, $to: DateTime!) {
  users(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id email displayName role status active deactivatedAt
        admin: canLogIn(product: ADMIN)
        analytics: canLogIn(product: ANALYTICS)
        phone: canLogIn(product: PHONE)
        phoneMobile: canLogIn(product: PHONE_MOBILE)
        callCenter: canLogIn(product: CALL_CENTER)
        inAvailableUserList
        phoneNumbers { id number }
        groups { id name }
        statusHistory { id action at }
        videoIntegrations { id provider accountEmail connectedAt }
        callHistory(first: 3) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { id direction startedAt durationSeconds counterpartNumber } }
        }
        meetingHistory(first: 3) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { id provider title startedAt durationSeconds } }
        }
        inDashboardConditions inDashboardOverview inDashboardByUser inDashboardByPeriod
        mentionable
        inPhoneUserMenu
        inMobileInternalList
        inRealtimeMonitor
        seat { id label x y }
        visibleInSeatMap
        inCallCenterReport(from: $from, to: $to)
      }
    }
  }
}"""

MENTION_SUGGESTIONS = """query MentionSuggestions($query: String!) {
  mentionSuggestions(query: $query) { id displayName email mentionable }
}"""

DASHBOARD = """query Dashboard($from: DateTime!, $to: DateTime!) {
  dashboard(from: $from, to: $to) {
    overview { callCount totalDurationSeconds }
    byUser { user { id displayName } callCount totalDurationSeconds }
    byPeriod(granularity: DAY) { periodStart callCount totalDurationSeconds }
  }
}"""

CALL_CENTER_REPORT = """query CallCenterReport($from: DateTime!, $to: DateTime!) {
  callCenterReport(from: $from, to: $to) {
    user { id displayName active }
    inboundCount outboundCount totalTalkSeconds
  }
}"""

# One request, two transactions: the user ends as it began, so every request does both.
DEACTIVATE_ACTIVATE = """mutation DeactivateActivate($userId: ID!) {
  deactivate: deactivateUser(input: {userId: $userId}) {
    changed user { id status } userErrors { code }
  }
  activate: activateUser(input: {userId: $userId}) {
    changed user { id status } userErrors { code }
  }
}"""
