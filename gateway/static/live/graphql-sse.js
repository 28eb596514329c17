// GraphQL over HTTP and over SSE (distinct-connections mode: one POST per subscription,
// `Accept: text/event-stream`), for roster's live page. EventSource cannot POST nor send an
// Authorization header, so each stream is read with fetch() and a ReadableStream reader.

/** The server refused the token: asking again will not help, a new token may. */
export class Refused extends Error {}

/**
 * A client of the graph at `endpoint`, with the token that `token()` gives at each request;
 * a stream silent for 2.5 times the server's `keepAliveSeconds` is taken for dropped.
 */
export function graphqlOverSse({ endpoint, token, keepAliveSeconds }) {
  function headers(accept) {
    return {
      "Content-Type": "application/json",
      Accept: accept,
      Authorization: `Bearer ${token()}`,
    };
  }

  function isUnauthenticated(errors) {
    return (errors || []).some((error) => error.extensions?.code === "UNAUTHENTICATED");
  }

  function checkErrors(errors) {
    if (!errors || !errors.length) return;
    if (isUnauthenticated(errors)) throw new Refused("The token was refused: enter another");
    throw new Error(errors.map((error) => error.message).join("; "));
  }

  function checkStatus(response) {
    if (response.status === 401) throw new Refused("The token was refused: enter another");
    if (response.status === 403) throw new Refused("This token may not read these screens");
    if (!response.ok) throw new Error(`The server answered ${response.status}`);
  }

  async function query(text, signal) {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: headers("application/graphql-response+json, application/json"),
      body: JSON.stringify({ query: text }),
      cache: "no-store",
      signal,
    });
    const result = await response.json().catch(() => ({}));
    checkErrors(result.errors);
    checkStatus(response);
    return result.data;
  }

  /** One server-sent event from its lines; null for a keep-alive comment. */
  function parseEvent(block) {
    let event = "message";
    const data = [];
    for (const line of block.split(/\r\n|\r|\n/)) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (event === "message" && !data.length) return null;
    return { event, data: data.join("\n") };
  }

  async function* serverSentEvents(body, onBytes) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        onBytes();
        buffer += value;
        let end;
        while ((end = /\r\n\r\n|\n\n|\r\r/.exec(buffer))) {
          const block = buffer.slice(0, end.index);
          buffer = buffer.slice(end.index + end[0].length);
          const event = parseEvent(block);
          if (event) yield event;
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /**
   * Runs one subscription until the server completes it (resolves) or it fails (rejects).
   * The server writes a keep-alive line whenever a stream is quiet; a stream silent for
   * much longer than that has been dropped on the way (a proxy, a sleeping laptop, the
   * network) without closing, and is given up so that the page reconnects.
   */
  async function subscribe(text, { onOpen, onData, signal }) {
    const watchdog = new AbortController();
    const silenceMs = Math.max(1000, keepAliveSeconds * 2500);
    let timer = null;
    const heard = () => {
      clearTimeout(timer);
      timer = setTimeout(() => watchdog.abort(), silenceMs);
    };
    try {
      heard();
      const response = await fetch(endpoint, {
        method: "POST",
        headers: headers("text/event-stream"),
        body: JSON.stringify({ query: text }),
        cache: "no-store",
        signal: AbortSignal.any([signal, watchdog.signal]),
      });
      await follow(response, { onOpen, onData, heard });
    } catch (error) {
      if (watchdog.signal.aborted && !signal.aborted) throw new Error("The stream went silent");
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function follow(response, { onOpen, onData, heard }) {
    if (!(response.headers.get("content-type") || "").startsWith("text/event-stream")) {
      const result = await response.json().catch(() => ({}));
      checkErrors(result.errors);
      checkStatus(response);
      throw new Error("The server did not open an event stream");
    }
    onOpen();
    for await (const event of serverSentEvents(response.body, heard)) {
      if (event.event === "complete") return;
      if (event.event !== "next") continue;
      const result = JSON.parse(event.data);
      checkErrors(result.errors);
      onData(result.data);
    }
  }

  return { query, subscribe };
}
