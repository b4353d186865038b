"""mentor.models: the two kinds of model.

`llm` is the local code-LLM tutor; `learner` tracks what each student masters.
"""
