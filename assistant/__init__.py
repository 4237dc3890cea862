"""paper-assistant: questions about research papers, answered with citations."""
