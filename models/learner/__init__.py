"""mentor.models.learner: competence tracking per workspace (see the learner-model issue)."""
