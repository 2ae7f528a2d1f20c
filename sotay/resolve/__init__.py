"""Stage 4, resolve: what extract/ found -> records of the knowledge base.

Takes an Extraction and a KnowledgeBase; gives the issuer, cited documents
and campaigns as record ids (or new records to create, or the reason a
name could not be resolved). importer.py turns input files into a plan of
YAML records for review, file by file; writing.py writes it.

index.py holds the knowledge base as looked up and the citing document's
context; issuers.py, citations.py and campaigns.py resolve one kind of name
each; patterns.py their patterns.
"""

from sotay.resolve.campaigns import CampaignDecision, match_known_name, resolve_campaign
from sotay.resolve.citations import CitationDecision, document_id, resolve_citation
from sotay.resolve.index import Context, DocEntry, Index
from sotay.resolve.issuers import IssuerMatch, issuer_from_symbol, resolve_issuer

__all__ = [
    "CampaignDecision", "CitationDecision", "Context", "DocEntry", "Index", "IssuerMatch",
    "document_id", "issuer_from_symbol", "match_known_name", "resolve_campaign",
    "resolve_citation", "resolve_issuer",
]
