def best_scores(scores):
    scores.sort(reverse=True)
top = best_scores([3, 9, 4])
print(top[:3])
