"""Stage 5, graph: a KnowledgeBase -> every relation, indexed from both ends.

Takes a validated KnowledgeBase; gives a Graph (relations.py: who cites
whom, which documents mention a campaign, local forms, bodies of a locality,
sort orders) and a Schedule (schedule.py: deadlines as dated occurrences,
upcoming or past on a given day, yearly ones repeated).
"""

from sotay.graph.relations import Graph, build_graph
from sotay.graph.schedule import Schedule

__all__ = ["Graph", "Schedule", "build_graph"]
