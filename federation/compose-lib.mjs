// What both composition scripts share: reading the subgraph list, writing the results.
//
//   node compose-<library>.mjs --config subgraphs.json --out supergraph.graphql [--api-out api.graphql]
//
// The config is a JSON list of {"name", "url", "schema"} where "schema" is a path to the
// subgraph's SDL (relative to the config file). On success the script prints a JSON report
// {"library", "version", "hints": [{"code", "level", "message"}]} and exits 0; on a
// composition error it prints each error to stderr and exits 1.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';

export function readServices() {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      out: { type: 'string' },
      'api-out': { type: 'string' },
    },
  });
  if (!values.config || !values.out) {
    console.error('usage: --config subgraphs.json --out supergraph.graphql [--api-out api.graphql]');
    process.exit(2);
  }
  const configPath = resolve(values.config);
  const subgraphs = JSON.parse(readFileSync(configPath, 'utf8'));
  const services = subgraphs.map(({ name, url, schema }) => ({
    name,
    url,
    typeDefs: parse(readFileSync(resolve(dirname(configPath), schema), 'utf8')),
  }));
  return { services, out: values.out, apiOut: values['api-out'] };
}

export function packageVersion(name) {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${name}/package.json`);
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

export function fail(library, errors) {
  console.error(`${library}: composition failed with ${errors.length} error(s)`);
  for (const error of errors) {
    const code = error.extensions?.code ?? 'ERROR';
    console.error(`[${code}] ${error.message}`);
  }
  process.exit(1);
}

export function succeed({ library, supergraphSdl, apiSchema, hints, out, apiOut }) {
  writeFileSync(out, supergraphSdl.endsWith('\n') ? supergraphSdl : `${supergraphSdl}\n`);
  if (apiOut) {
    writeFileSync(apiOut, `${printSchema(lexicographicSortSchema(apiSchema))}\n`);
  }
  const report = { library, version: packageVersion(library), hints };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
