// roster's live page: the Real-time monitor and the Seat map, drawn from one query and kept
// live by two subscriptions over GraphQL over SSE (graphql-sse.js). No framework, nothing
// loaded from elsewhere.
import { graphqlOverSse, Refused } from "./graphql-sse.js";

const settings = JSON.parse(document.getElementById("live-settings").textContent);
const TOKEN_KEY = "roster.live.token";
const CHANGES_KEPT = 12;
const MAX_BACKOFF_SECONDS = 30;

const USER_FIELDS = "id displayName seat { label }";
const SEAT_FIELDS = "id label x y occupant { id displayName }";
const SNAPSHOT = `query LivePage {
realtimeMonitor { ${USER_FIELDS} }
seatMap { ${SEAT_FIELDS} }
}`;
const MONITOR_CHANGED = `subscription LiveMonitor {
realtimeMonitorChanged { inRealtimeMonitor user { ${USER_FIELDS} } }
}`;
const SEAT_MAP_CHANGED = `subscription LiveSeatMap {
seatMapChanged { seat { ${SEAT_FIELDS} } }
}`;

const monitor = new Map(); // user id -> user
const seats = new Map(); // seat id -> seat
const $ = (id) => document.getElementById(id);

// --- the token: handed by the page on this machine in development, or asked for ---

function currentToken() {
  return settings.token || sessionStorage.getItem(TOKEN_KEY);
}

function askForToken(message) {
  settings.token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $("token-form").hidden = false;
  $("token-input").focus();
  if (message) setConnection("refused", message);
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const token = $("token-input").value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  $("token-input").value = "";
  $("token-form").hidden = true;
  connect();
});

// --- the connection: both streams open, then the snapshot, then the events ---

let generation = 0;
let controller = null;
let failures = 0;
// A connection that stayed up this long earns a quick retry; one that keeps failing at
// once (a server that accepts and drops) backs off further each time.
const STEADY_MS = 10_000;

function setConnection(state, text) {
  $("connection").dataset.state = state;
  $("connection-text").textContent = text;
}

async function connect() {
  const mine = ++generation;
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  if (!currentToken()) {
    askForToken();
    setConnection("idle", "Not connected: enter a token");
    return;
  }
  setConnection("connecting", failures ? "Reconnecting…" : "Connecting…");

  let liveAt = 0;
  // Events that arrive while the snapshot loads are applied after it, in order.
  let pending = [];
  const apply = (change) => (pending ? pending.push(change) : change());
  let opened = 0;
  let bothOpen;
  const open = new Promise((resolve) => (bothOpen = resolve));
  const onOpen = () => ++opened === 2 && bothOpen();
  const streams = [
    subscribe(MONITOR_CHANGED, {
      onOpen,
      onData: (data) => apply(() => monitorChanged(data.realtimeMonitorChanged)),
      signal,
    }),
    subscribe(SEAT_MAP_CHANGED, {
      onOpen,
      onData: (data) => apply(() => seatChanged(data.seatMapChanged.seat)),
      signal,
    }),
  ];
  const ended = Promise.race(
    streams.map((stream) =>
      stream.then(() => {
        throw new Error("The server ended the stream");
      }),
    ),
  );
  ended.catch(() => {});
  try {
    await Promise.race([open, ended]);
    const snapshot = await query(SNAPSHOT, signal);
    if (mine !== generation) return;
    drawSnapshot(snapshot);
    pending.splice(0).forEach((change) => change());
    pending = null;
    setConnection("live", "Live");
    liveAt = Date.now();
    await ended;
  } catch (error) {
    if (mine !== generation) return;
    controller.abort();
    if (liveAt && Date.now() - liveAt >= STEADY_MS) failures = 0;
    if (error instanceof Refused) {
      askForToken(error.message);
      return;
    }
    const seconds = Math.min(MAX_BACKOFF_SECONDS, 2 ** failures);
    failures += 1;
    setConnection("reconnecting", `Connection lost: retrying in ${seconds} s`);
    setTimeout(() => mine === generation && connect(), seconds * 1000 * (0.8 + Math.random() * 0.4));
  }
}

// --- the screens ---

function drawSnapshot(data) {
  monitor.clear();
  for (const user of data.realtimeMonitor) monitor.set(user.id, user);
  seats.clear();
  for (const seat of data.seatMap) seats.set(seat.id, seat);
  drawMonitor();
  drawSeats();
}

function monitorChanged({ inRealtimeMonitor, user }) {
  const was = monitor.has(user.id);
  if (inRealtimeMonitor) monitor.set(user.id, user);
  else monitor.delete(user.id);
  drawMonitor(user.id);
  if (was !== inRealtimeMonitor) {
    logChange(
      inRealtimeMonitor
        ? `${user.displayName} is back in the Real-time monitor`
        : `${user.displayName} left the Real-time monitor`,
    );
  }
}

function seatChanged(seat) {
  const before = seats.get(seat.id)?.occupant?.id ?? null;
  seats.set(seat.id, seat);
  drawSeats(seat.id);
  const now = seat.occupant?.id ?? null;
  if (before !== now) {
    logChange(
      seat.occupant ? `${seat.occupant.displayName} sits at ${seat.label}` : `Seat ${seat.label} is empty`,
    );
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function initials(name) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join("");
}

function flash(node) {
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 2400);
}

const byName = (a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id);

function drawMonitor(changedId) {
  const list = $("monitor-list");
  const users = [...monitor.values()].sort(byName);
  list.replaceChildren(
    ...users.map((user) => {
      const item = element("li", "monitor-user");
      item.dataset.userId = user.id;
      const avatar = element("span", "avatar", initials(user.displayName));
      avatar.setAttribute("aria-hidden", "true");
      item.append(
        avatar,
        element("span", "user-name", user.displayName),
        element("span", "user-seat", user.seat ? user.seat.label : "No seat"),
      );
      if (user.id === changedId) flash(item);
      return item;
    }),
  );
  $("monitor-count").textContent = String(users.length);
  $("monitor-empty").hidden = users.length > 0;
}

/** Grid lines from the seats' own coordinates: each distinct x a column, each y a row. */
function ranks(values) {
  return new Map([...new Set(values)].sort((a, b) => a - b).map((value, index) => [value, index + 1]));
}

function drawSeats(changedId) {
  const map = $("seat-map");
  const all = [...seats.values()].sort((a, b) => a.y - b.y || a.x - b.x);
  const columns = ranks(all.map((seat) => seat.x));
  const rows = ranks(all.map((seat) => seat.y));
  map.style.setProperty("--columns", String(columns.size || 1));
  map.replaceChildren(
    ...all.map((seat) => {
      const item = element("li", seat.occupant ? "seat" : "seat empty");
      item.dataset.seatId = seat.id;
      item.setAttribute(
        "aria-label",
        `Seat ${seat.label}: ${seat.occupant ? seat.occupant.displayName : "empty"}`,
      );
      item.style.gridColumn = String(columns.get(seat.x));
      item.style.gridRow = String(rows.get(seat.y));
      item.append(
        element("span", "seat-label", seat.label),
        element("span", "seat-occupant", seat.occupant ? seat.occupant.displayName : "Empty"),
      );
      if (seat.id === changedId) flash(item);
      return item;
    }),
  );
  const taken = all.filter((seat) => seat.occupant).length;
  $("seat-count").textContent = `${taken} of ${all.length} taken`;
}

function logChange(text) {
  const log = $("change-log");
  const item = element("li", "change");
  const time = element("time", "change-time", new Date().toLocaleTimeString([], { hour12: false }));
  time.dateTime = new Date().toISOString();
  item.append(time, element("span", "change-text", text));
  log.prepend(item);
  while (log.children.length > CHANGES_KEPT) log.lastElementChild.remove();
  $("changes-empty").hidden = true;
}

const { query, subscribe } = graphqlOverSse({
  endpoint: settings.endpoint,
  token: currentToken,
  keepAliveSeconds: settings.keepAliveSeconds,
});

connect();
