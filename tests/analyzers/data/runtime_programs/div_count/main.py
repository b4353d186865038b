count = 0
for n in []: count += 1
print(100 / count)
