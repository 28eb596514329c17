// Hive Gateway (@graphql-hive/gateway, MIT) in front of roster's subgraphs.
//
//   npx hive-gateway supergraph            # from this folder; see run-local.sh
//
// ROSTER_SUPERGRAPH     the supergraph to serve [../schema/supergraph.graphql]
// ROSTER_SUBGRAPH_SECRET sent as X-Roster-Subgraph-Secret to roster's own subgraphs,
//                       which answer nobody else (the same value the subgraphs are given)
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@graphql-hive/gateway';

const here = dirname(fileURLToPath(import.meta.url));
// Only roster's subgraphs get its secret; a product team's subgraph never sees it.
const rosterSubgraphs = new Set(
  JSON.parse(readFileSync(resolve(here, 'subgraphs.json'), 'utf8')).map(({ name }) => name),
);
const subgraphSecret = process.env.ROSTER_SUBGRAPH_SECRET ?? '';

export const gatewayConfig = defineConfig({
  supergraph: process.env.ROSTER_SUPERGRAPH ?? resolve(here, '../schema/supergraph.graphql'),
  propagateHeaders: {
    fromClientToSubgraphs({ request, subgraphName }) {
      const headers = {};
      const authorization = request.headers.get('authorization');
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
