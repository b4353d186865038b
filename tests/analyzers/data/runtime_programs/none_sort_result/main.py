numbers = [5, 3, 9]
ordered = numbers.sort()
print(ordered[0])
