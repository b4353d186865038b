total = 0
for n in [1, 2]:
    total.append(n)
