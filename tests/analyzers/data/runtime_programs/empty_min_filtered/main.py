numbers = [-1, -5]
positives = [n for n in numbers if n > 0]
print(min(positives))
