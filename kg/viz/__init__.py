"""What analysts see in the browser: network views, topic evolution pages and the index.

``project`` turns the store into a networkx graph; ``render_views`` writes the
network pages and ``OUT/index.html``; ``render_topic`` and ``list_topics`` cover
one topic's evolution.  Every page is rendered from SPARQL over the store.
"""

from kg.viz.index import render_index
from kg.viz.network import render_views
from kg.viz.project import project
from kg.viz.topic import TopicSummary, list_topics, render_topic

__all__ = ["TopicSummary", "list_topics", "project", "render_index", "render_topic", "render_views"]
