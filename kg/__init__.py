"""kg: a knowledge graph of what executives say, built from news articles and earnings-call transcripts."""

__version__ = "0.1.0"
