// Composes roster's subgraphs with The Guild's @theguild/federation-composition (MIT):
// the supergraph the router serves. Usage: see compose-lib.mjs.
import { composeServices } from '@theguild/federation-composition';
import { buildASTSchema } from 'graphql';
import { fail, readServices, succeed } from './compose-lib.mjs';

const LIBRARY = '@theguild/federation-composition';
const { services, out, apiOut } = readServices();
const result = composeServices(services);
if (result.errors) {
  fail(LIBRARY, result.errors);
}
succeed({
  library: LIBRARY,
  supergraphSdl: result.supergraphSdl,
  apiSchema: buildASTSchema(result.publicDocumentNode),
  // This composer reports errors only; it has no hints.
  hints: [],
  out,
  apiOut,
});
