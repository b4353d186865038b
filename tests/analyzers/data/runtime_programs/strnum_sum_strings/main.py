values = ["4", "5", "6"]
total = 0
for value in values:
    total += value
print(total)
