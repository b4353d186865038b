"""mentor.models.llm: the local code-LLM tutor (see the tutor issue)."""
