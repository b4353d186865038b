scores = [10, 20]
print(scores(0))
