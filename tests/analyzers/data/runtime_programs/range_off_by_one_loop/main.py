values = [3, 8, 2, 7]
for i in range(len(values)):
    diff = values[i + 1] - values[i]
