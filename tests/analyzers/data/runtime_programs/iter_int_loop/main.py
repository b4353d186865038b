total = 0
for i in 5:
    total += i
