// graphql-http's server audit against a live roster: node audit.mjs URL TOKEN
// Prints one JSON line: [{id, name, status, reason}] (status: ok, warn or error).
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node audit.mjs URL TOKEN');
  process.exit(2);
}

// Every request carries the token: roster answers nothing to anonymous callers.
function fetchWithToken(input, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

async function describe(response) {
  let body;
  try {
    body = await response.text();
  } catch {
    body = '(body already read by the audit)';
  }
  return `${response.status} ${body}`;
}

const results = await auditServer({ url, fetchFn: fetchWithToken });
const report = await Promise.all(
  results.map(async (result) => ({
    id: result.id,
    name: result.name,
    status: result.status,
    reason: result.status === 'ok' ? null : result.reason,
    response: result.status === 'ok' ? null : await describe(result.response),
  })),
);
console.log(JSON.stringify(report));
