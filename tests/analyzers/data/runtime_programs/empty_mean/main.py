import statistics
data = []
print(statistics.mean(data))
