// Composes roster's subgraphs with Apollo's @apollo/composition (Elastic License 2.0:
// fine for checking composition in CI; roster does not ship it). The second opinion on
// the same SDL: both composers must accept it. Usage: see compose-lib.mjs.
import { composeServices } from '@apollo/composition';
import { fail, readServices, succeed } from './compose-lib.mjs';

const LIBRARY = '@apollo/composition';
const { services, out, apiOut } = readServices();
const result = composeServices(services);
if (result.errors) {
  fail(LIBRARY, result.errors);
}
succeed({
  library: LIBRARY,
  supergraphSdl: result.supergraphSdl,
  apiSchema: result.schema.toAPISchema().toGraphQLJSSchema(),
  hints: result.hints.map((hint) => ({
    code: hint.definition.code,
    level: hint.definition.level.name,
    message: hint.message,
  })),
  out,
  apiOut,
});
