// Trusted documents for Hive Gateway: the directory roster's `roster documents add` writes
// (one <sha256 hex>.graphql file per document, its text exactly), read once at start, and
// the `persistedDocuments` options that run them by id (docs/trusted-documents.md).
//
// ROSTER_TRUSTED_DOCUMENTS_DIR   the directory [trusted-documents], relative to the
//                                repository's root (roster's own default, run from there)
// ROSTER_TRUSTED_DOCUMENTS_ONLY  true: any operation sent as text is refused; unset: true
//                                when ROSTER_ENV=production, as roster's own default
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUFFIX = '.graphql';
const PREFIX = 'sha256:';
const HEX = /^[0-9a-f]{64}$/;
const APQ_HASH = /^[0-9a-fA-F]{64}$/;

const ONLY_TRUSTED =
  'This API runs trusted documents only (ROSTER_TRUSTED_DOCUMENTS_ONLY): send a registered ' +
  "document's id in `documentId` (sha256:<hex>) instead of its text in `query`. Register a " +
  "frontend's operations with `roster documents add` (docs/trusted-documents.md).";

function flag(name, fallback) {
  const value = (process.env[name] ?? '').trim().toLowerCase();
  if (value === '') {
    return fallback;
  }
  if (['true', '1', 'yes', 'on'].includes(value)) {
    return true;
  }
  if (['false', '0', 'no', 'off'].includes(value)) {
    return false;
  }
  throw new Error(`${name} is ${process.env[name]}: use true or false`);
}

// hex -> text; the router refuses to start on a file whose name is not its text's SHA-256,
// as roster does.
export function readTrustedDocuments(directory) {
  const documents = new Map();
  if (!existsSync(directory)) {
    return documents;
  }
  for (const name of readdirSync(directory).filter((file) => file.endsWith(SUFFIX)).sort()) {
    const path = resolve(directory, name);
    const hex = name.slice(0, -SUFFIX.length);
    const bytes = readFileSync(path);
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (!HEX.test(hex) || digest !== hex) {
      throw new Error(
        `${path}: a trusted document's file is named by the SHA-256 of its text (${digest}); ` +
          'register documents with `roster documents add`',
      );
    }
    documents.set(hex, bytes.toString('utf8'));
  }
  return documents;
}

function refusal(message, code, status, headers) {
  return new GraphQLError(message, {
    extensions: { code, http: { status, ...(headers ? { headers } : {}) } },
  });
}

function isApq(params) {
  return params?.extensions?.persistedQuery != null;
}

// The id as roster's: `documentId` as sent (body, or the URL's query for GET), Apollo's
// `extensions.persistedQuery.sha256Hash` (version 1) as sha256:<lower-case hex>.
function documentIdOf(params, request) {
  const persisted = params.extensions?.persistedQuery;
  if (persisted?.version === 1 && APQ_HASH.test(persisted.sha256Hash ?? '')) {
    return PREFIX + persisted.sha256Hash.toLowerCase();
  }
  if (typeof params.documentId === 'string') {
    return params.documentId;
  }
  return new URL(request.url).searchParams.get('documentId');
}

export function trustedDocumentsOptions() {
  const directory = resolve(root, process.env.ROSTER_TRUSTED_DOCUMENTS_DIR || 'trusted-documents');
  const documents = readTrustedDocuments(directory);
  const trustedOnly = flag('ROSTER_TRUSTED_DOCUMENTS_ONLY', process.env.ROSTER_ENV === 'production');
  return {
    allowArbitraryDocuments: !trustedOnly,
    extractPersistedOperationId: documentIdOf,
    getPersistedOperation(key) {
      return key.startsWith(PREFIX) ? (documents.get(key.slice(PREFIX.length)) ?? null) : null;
    },
    customErrors: {
      persistedQueryOnly: refusal(ONLY_TRUSTED, 'TRUSTED_DOCUMENTS_ONLY', 400),
      keyNotFound: refusal(
        'Send the operation in `documentId` (a registered document\'s sha256:<hex> id).',
        'BAD_REQUEST',
        400,
      ),
      // Apollo's convention for its clients' automatic persisted queries; roster's code and
      // status for a `documentId`.
      notFound: ({ params, request }) =>
        isApq(params)
          ? refusal('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 200, {
              'cache-control': 'private, no-cache, must-revalidate',
            })
          : refusal(
              `No trusted document has the id ${documentIdOf(params, request)}: register it with ` +
                '`roster documents add` (and restart the router), or send the id the build ' +
                'registered.',
              'PERSISTED_DOCUMENT_NOT_FOUND',
              400,
            ),
    },
  };
}
