scores = []
best = max(scores)
