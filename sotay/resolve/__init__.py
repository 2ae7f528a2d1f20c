"""Stage 3, resolve: what extract/ found -> records of the knowledge base.

Takes an Extraction and a KnowledgeBase; gives the issuer, cited documents
and campaigns as record ids (or new records to create, or the reason a
name could not be resolved). importer.py turns input files into a plan of
YAML records for review and writes it all or nothing.
"""
