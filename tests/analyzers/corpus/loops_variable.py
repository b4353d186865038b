# Changing the loop variable inside a for loop.
numbers = [1, 2, 3, 4]

for n in numbers:
    n = n * 2  # expect: MNT102

for i in range(10):
    if i == 3:
        i += 2  # expect: MNT102
    print(i)

for word in ["tea", "milk"]:
    word = word.upper()  # expect: MNT102

for price in [3, 5]:
    price += 1  # expect: MNT102


def reset(grid):
    for row in grid:
        row = []  # expect: MNT102


for step in range(0, 10):
    step = step + 1  # expect: MNT102
    print(step)

# Near misses: the new value is used, or the variable outlives the loop.
for line in ["  a ", "b  "]:
    line = line.strip()
    print(line)

for n in numbers:
    doubled = n * 2
    print(doubled)

for n in numbers:
    n = n * 2
print("last doubled:", n)

for text in ["aaa", "bb"]:
    while text:
        text = text[1:]

reset([[1], [2]])
