i = 0
total = 0
while i < 10: total += i
print(total)
