scores = [10, 20, 30]
for i in range(len(scores) + 1):
    print(scores[i])
