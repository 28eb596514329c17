// Hive Gateway's OpenTelemetry traces, on when OTEL_EXPORTER_OTLP_ENDPOINT (or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, like roster's subgraphs: OTLP over HTTP
// (protobuf), the exporter reading its own OTEL_EXPORTER_OTLP_* variables; service name
// OTEL_SERVICE_NAME's, else roster-router. The router continues an incoming W3C traceparent and sends its own to
// each subgraph, so one trace runs from the router through every subgraph to its SQL.
//
// The plugin records the operation's document and the request URL. A caller may write an
// email or a search string inline, or send a GET whose query string carries them: the spans
// leave with the document's literals blanked and the URLs without their query string.
import { openTelemetrySetup } from '@graphql-hive/plugin-opentelemetry/setup';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Kind, parse, print, visit } from 'graphql';

const DOCUMENT_ATTRIBUTES = ['graphql.document'];
const URL_ATTRIBUTES = ['http.url', 'url.full', 'http.target'];
const QUERY_ATTRIBUTES = ['url.query'];

export function withoutLiterals(document) {
  try {
    return print(
      visit(parse(document, { noLocation: true }), {
        StringValue: () => ({ kind: Kind.STRING, value: '', block: false }),
        IntValue: () => ({ kind: Kind.INT, value: '0' }),
        FloatValue: () => ({ kind: Kind.FLOAT, value: '0' }),
      }),
    );
  } catch {
    return '';
  }
}

function redacted(span) {
  const attributes = span.attributes ?? {};
  let changed = null;
  const change = (key, value) => {
    changed ??= { ...attributes };
    changed[key] = value;
  };
  for (const key of DOCUMENT_ATTRIBUTES) {
    if (typeof attributes[key] === 'string') change(key, withoutLiterals(attributes[key]));
  }
  for (const key of URL_ATTRIBUTES) {
    if (typeof attributes[key] === 'string' && attributes[key].includes('?')) {
      change(key, attributes[key].split('?', 1)[0]);
    }
  }
  for (const key of QUERY_ATTRIBUTES) {
    if (key in attributes) change(key, '');
  }
  // The span as the SDK made it, but for its attributes.
  return changed ? Object.create(span, { attributes: { value: changed, enumerable: true } }) : span;
}

// The OTLP exporter, handed each batch with its personal data taken out.
class RedactingExporter {
  constructor(inner) {
    this.inner = inner;
  }

  export(spans, resultCallback) {
    this.inner.export(spans.map(redacted), resultCallback);
  }

  shutdown() {
    return this.inner.shutdown();
  }

  forceFlush() {
    return this.inner.forceFlush ? this.inner.forceFlush() : Promise.resolve();
  }
}

// Which requests get an HTTP span: not those the plugin ignores itself, nor the readiness
// probes, which poll every few seconds (a trace each would bury the requests).
function traced({ request, ignoredRequests }) {
  return !ignoredRequests.has(request) && new URL(request.url).pathname !== '/healthcheck';
}

// The gateway config's `openTelemetry` value: the plugin's options with the SDK set up, or
// undefined (no plugin, nothing installed) when no OTLP endpoint is set.
export function routerOpenTelemetry(env = process.env) {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') {
    return undefined;
  }
  openTelemetrySetup({
    contextManager: new AsyncLocalStorageContextManager(),
    resource: { serviceName: env.OTEL_SERVICE_NAME || 'roster-router' },
    // Batched (OTEL_BSP_* variables), as the subgraphs' are.
    traces: { exporter: new RedactingExporter(new OTLPTraceExporter()) },
  });
  return {
    traces: { spans: { http: traced } },
    inheritContext: true,
    propagateContext: true,
  };
}
