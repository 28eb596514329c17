// Hive Gateway (@graphql-hive/gateway, MIT) in front of roster's subgraphs.
//
//   npx hive-gateway supergraph            # from this folder; see run-local.sh
//
// ROSTER_SUPERGRAPH     the supergraph to serve [../schema/supergraph.graphql]
// ROSTER_SUBGRAPH_SECRET sent as X-Roster-Subgraph-Secret to roster's own subgraphs,
//                       which answer nobody else (the same value the subgraphs are given)
// ROSTER_ROUTER_SUBSCRIPTIONS how subscriptions reach roster's subgraphs: `sse` (default,
//                       GraphQL over SSE, a POST per subscription carrying the same headers
//                       as any request) or `ws` (graphql-transport-ws: the client's
//                       Authorization in connection_init's payload, the secret a header of
//                       the upgrade request). Clients subscribe to the router either way,
//                       over SSE (POST /graphql, Accept: text/event-stream) or WebSocket.
// ROSTER_ROUTER_METRICS_TOKEN the router's /metrics (Prometheus) answers only
//                       `Authorization: Bearer <this>`; unset: open (`make router`), but not
//                       served at all when ROSTER_ENV=production (docs/observability.md)
// ROSTER_TRUSTED_DOCUMENTS_DIR, ROSTER_TRUSTED_DOCUMENTS_ONLY  the registered documents run by
//                       id, and whether nothing else runs (trusted-documents.mjs)
import { createHash, timingSafeEqual } from 'node:crypto';
// OTEL_EXPORTER_OTLP_ENDPOINT traces to this OTLP/HTTP collector (tracing.mjs; the subgraphs
//                       take the same variable), W3C trace context sent to the subgraphs
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@graphql-hive/gateway';
import { register } from 'prom-client';
import { trustedDocumentsOptions } from './trusted-documents.mjs';
import { routerOpenTelemetry } from './tracing.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// Only roster's subgraphs get its secret; a product team's subgraph never sees it.
const rosterSubgraphs = new Set(
  JSON.parse(readFileSync(resolve(here, 'subgraphs.json'), 'utf8')).map(({ name }) => name),
);
const subgraphSecret = process.env.ROSTER_SUBGRAPH_SECRET ?? '';
const subscriptionsKind = process.env.ROSTER_ROUTER_SUBSCRIPTIONS ?? 'sse';
if (!['sse', 'ws'].includes(subscriptionsKind)) {
  throw new Error(`ROSTER_ROUTER_SUBSCRIPTIONS is ${subscriptionsKind}: use sse or ws`);
}

// Metrics (issue 17): Hive Gateway's Prometheus plugin counts into prom-client's default
// registry; /metrics is served by `metricsEndpoint` below, behind the token, not by the plugin.
const METRICS_PATH = '/metrics';
const metricsToken = process.env.ROSTER_ROUTER_METRICS_TOKEN ?? '';
const metricsServed = Boolean(metricsToken) || process.env.ROSTER_ENV !== 'production';
const digest = (value) => createHash('sha256').update(value).digest();

function metricsEndpoint() {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== METRICS_PATH) {
        return;
      }
      if (!metricsServed) {
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      const [scheme, given = ''] = (request.headers.get('authorization') ?? '').split(' ');
      // Digests of equal length, compared in constant time, as roster compares its own.
      const allowed =
        !metricsToken ||
        (scheme.toLowerCase() === 'bearer' && timingSafeEqual(digest(given), digest(metricsToken)));
      if (!allowed) {
        endResponse(
          new fetchAPI.Response('Send the metrics token: Authorization: Bearer <token>.', {
            status: 401,
            headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
          }),
        );
        return;
      }
      endResponse(
        new fetchAPI.Response(await register.metrics(), {
          headers: { 'Content-Type': register.contentType, 'Cache-Control': 'no-store' },
        }),
      );
    },
  };
}

// The caller's Authorization: a header over HTTP (and SSE); over a WebSocket to the router,
// connection_init's payload, under whatever case the client spelled it.
function callerAuthorization(request, context) {
  const header = request?.headers?.get('authorization');
  if (header) {
    return header;
  }
  const params = context?.connectionParams ?? {};
  const name = Object.keys(params).find((key) => key.toLowerCase() === 'authorization');
  return name ? String(params[name]) : undefined;
}

// How a subscription reaches one of roster's subgraphs. Over SSE the HTTP transport's own
// executor streams it, but by GET unless told otherwise: roster's subgraphs take it by POST,
// like every other operation, so nothing (the query, variables) lands in a URL. propagateHeaders
// below sends the Authorization and the secret with it, as with any request.
// Over WebSocket the transport sends no request headers of its own (only what `headers`
// names, on the upgrade request) and graphql-transport-ws carries the caller in connection_init;
// the transport keeps one socket per distinct payload, so callers never share a connection.
function subscriptionsTransport() {
  if (subscriptionsKind === 'sse') {
    return { kind: 'http', options: { method: 'POST' } };
  }
  return {
    kind: 'ws',
    headers: subgraphSecret ? [['x-roster-subgraph-secret', subgraphSecret]] : [],
    options: {
      connectionParams: { authorization: '{context.rosterAuthorization}' },
    },
  };
}

export const gatewayConfig = defineConfig({
  supergraph: process.env.ROSTER_SUPERGRAPH ?? resolve(here, '../schema/supergraph.graphql'),
  transportEntries: Object.fromEntries(
    [...rosterSubgraphs].map((name) => [
      name,
      { options: { subscriptions: subscriptionsTransport() } },
    ]),
  ),
  // Requests by operation name and type, their phases and errors; each subgraph call's
  // duration and errors by subgraph. No label carries a URL's query string or a header.
  prometheus: {
    endpoint: false,
    metrics: true,
    labels: {
      operationName: true,
      operationType: true,
      subgraphName: true,
      url: false,
      path: false,
      fetchRequestHeaders: false,
      fetchResponseHeaders: false,
    },
  },
  // Trusted documents: the directory roster registers them in (trusted-documents.mjs).
  persistedDocuments: trustedDocumentsOptions(),
  plugins: () => [
    metricsEndpoint(),
    {
      // Read once per operation, for propagateHeaders and the WebSocket transport's payload.
      onContextBuilding({ context, extendContext }) {
        const authorization = callerAuthorization(context.request, context);
        if (authorization) {
          extendContext({ rosterAuthorization: authorization });
        }
      },
    },
  ],
  // Traces (issue 17): undefined, so no plugin, when no OTLP endpoint is set.
  openTelemetry: routerOpenTelemetry(),
  propagateHeaders: {
    fromClientToSubgraphs({ context, subgraphName }) {
      const headers = {};
      const authorization = context.rosterAuthorization;
      if (authorization) {
        headers.authorization = authorization;
      }
      if (subgraphSecret && rosterSubgraphs.has(subgraphName)) {
        headers['x-roster-subgraph-secret'] = subgraphSecret;
      }
      return headers;
    },
  },
});
