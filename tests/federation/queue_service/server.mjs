// A product team's own subgraph, as they might write it: call queues whose members are
// roster users, referenced by key only. Node's http server, @apollo/subgraph and graphql,
// taken from federation/package.json (where they are pinned).
//
//   node server.mjs --port 4010 --data queues.json
//
// queues.json: [{"id": "q1", "name": "Support", "memberIds": ["<roster User id>", ...]}]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(new URL('../../../federation/package.json', import.meta.url));
const { buildSubgraphSchema } = require('@apollo/subgraph');
const { graphql, parse } = require('graphql');

const { values } = parseArgs({ options: { port: { type: 'string' }, data: { type: 'string' } } });
const queues = JSON.parse(readFileSync(values.data, 'utf8'));
const byId = new Map(queues.map((queue) => [queue.id, queue]));

const resolvers = {
  Query: {
    callQueues: () => [...queues].sort((a, b) => a.name.localeCompare(b.name)),
    callQueue: (_, { id }) => byId.get(id) ?? null,
  },
  CallQueue: {
    __resolveReference: ({ id }) => byId.get(id) ?? null,
    members: (queue) => queue.memberIds.map((id) => ({ __typename: 'User', id })),
  },
};
const typeDefs = parse(readFileSync(new URL('schema.graphql', import.meta.url), 'utf8'));
const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/healthz') {
    send(response, 200, { status: 'ok' });
    return;
  }
  if (request.method !== 'POST' || request.url !== '/graphql') {
    send(response, 404, { errors: [{ message: 'POST /graphql' }] });
    return;
  }
  // One line per request, naming the headers it came with (values left out).
  console.log(JSON.stringify({ request: request.url, headers: Object.keys(request.headers).sort() }));
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', async () => {
    try {
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString());
      const result = await graphql({
        schema,
        source: query,
        variableValues: variables,
        operationName,
      });
      send(response, 200, result);
    } catch (error) {
      send(response, 400, { errors: [{ message: String(error) }] });
    }
  });
});
server.listen(Number(values.port), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
