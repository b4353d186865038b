def evens(limit):
    found = [n for n in range(limit) if n % 2 == 0]

result = evens(10)
total = 0
for n in result:
    total += n
