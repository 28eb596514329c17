"""Which document a request runs: a registered one named by ``documentId`` or by APQ's
``extensions.persistedQuery.sha256Hash``, or (unless only trusted documents may run) the
free text of ``query``. Decided before anything is parsed."""

from dataclasses import dataclass, replace

from gateway.documents.ids import hex_of, sha256_hex
from gateway.documents.store import TrustedDocuments
from gateway.http_request import GraphQLParams
from gateway.responses import Refusal

TRUSTED_DOCUMENTS_ONLY = "TRUSTED_DOCUMENTS_ONLY"
PERSISTED_DOCUMENT_NOT_FOUND = "PERSISTED_DOCUMENT_NOT_FOUND"
# Apollo's automatic persisted queries: clients that get this send the query with its hash.
PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
BAD_REQUEST = "BAD_REQUEST"

ONLY_TRUSTED = (
    "This API runs trusted documents only (ROSTER_TRUSTED_DOCUMENTS_ONLY): send a "
    "registered document's id in `documentId` (sha256:<hex>) instead of its text in "
    "`query`. Register a frontend's operations with `roster documents add` "
    "(docs/trusted-documents.md)."
)
NO_DOCUMENTS_HERE = (
    "This endpoint runs the documents sent in `query` (a subgraph's, for the router's "
    "query plans): trusted documents (`documentId`, `extensions.persistedQuery`) are "
    "served on /graphql."
)


def _bad(message: str) -> Refusal:
    return Refusal(400, message, BAD_REQUEST)


def _wanted_hex(params: GraphQLParams) -> str | None:
    from_id = None
    if params.document_id is not None:
        from_id = hex_of(params.document_id)
        if from_id is None:
            raise _bad(
                f"`documentId` {params.document_id!r} is not a document id roster knows: "
                "send sha256:<the 64 lower-case hex digits of the document's SHA-256>."
            )
    if from_id is not None and params.persisted_hash not in (None, from_id):
        raise _bad(
            "`documentId` and `extensions.persistedQuery.sha256Hash` name different "
            "documents: send one of them."
        )
    return from_id or params.persisted_hash


@dataclass(frozen=True)
class DocumentPolicy:
    """The API endpoint's documents, and whether it runs nothing else."""

    documents: TrustedDocuments
    trusted_only: bool

    def resolve(self, params: GraphQLParams) -> GraphQLParams:
        """``params`` with the text to run in ``query``, or a Refusal."""
        wanted = _wanted_hex(params)
        if wanted is None:
            if self.trusted_only:
                raise Refusal(400, ONLY_TRUSTED, TRUSTED_DOCUMENTS_ONLY)
            return params
        if params.query is not None and sha256_hex(params.query) != wanted:
            raise _bad(
                "The document sent in `query` is not the one its id names (the SHA-256 of "
                "its text differs): send the id alone, or the text with its own id."
            )
        found = self.documents.by_hex.get(wanted)
        if found is not None:
            # The registered string itself: the parse step finds its document by it.
            return replace(params, query=found.body)
        if params.query is not None:
            # An APQ client sending a query with its hash: run it where free text may run;
            # nothing is ever registered by a request.
            if self.trusted_only:
                raise Refusal(400, ONLY_TRUSTED, TRUSTED_DOCUMENTS_ONLY)
            return params
        if params.document_id is not None:
            raise Refusal(
                400,
                f"No trusted document has the id {params.document_id}: register it with "
                "`roster documents add` (and restart roster), or send the id the build "
                "registered.",
                PERSISTED_DOCUMENT_NOT_FOUND,
            )
        # Apollo's convention (status, message and code), which its clients act on.
        raise Refusal(
            200,
            "PersistedQueryNotFound",
            PERSISTED_QUERY_NOT_FOUND,
            {"Cache-Control": "private, no-cache, must-revalidate"},
        )


def without_documents(params: GraphQLParams) -> GraphQLParams:
    """A subgraph endpoint's: the document is the text sent; an id alone is refused."""
    if params.query is None:
        raise _bad(NO_DOCUMENTS_HERE)
    return params
