scores = [4, 8, 15]
sum = 0
for s in scores:
    sum = sum + s
average = sum(scores) / len(scores)
