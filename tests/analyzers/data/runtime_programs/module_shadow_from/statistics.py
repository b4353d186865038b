from statistics import mean
print(mean([1, 2]))
