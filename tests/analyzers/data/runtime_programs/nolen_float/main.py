total = 0.0
total += 2.5
print(len(total))
