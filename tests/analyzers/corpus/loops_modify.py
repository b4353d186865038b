# Changing a list while a for loop walks over it.
numbers = [2, 4, 5, 6]
for n in numbers:
    if n % 2 == 0:
        numbers.remove(n)  # expect: MNT103

words = ["a", "b"]
for w in words:
    words.append(w + "!")  # expect: MNT103

ages = {"ada": 36, "alan": 41}
for name in ages:
    if ages[name] > 40:
        del ages[name]  # expect: MNT103

tasks = ["wash", "cook", "sleep"]
for task in tasks:
    print("done:", task)
    tasks.pop(0)  # expect: MNT103

seen = {1, 2, 3}
for item in seen:
    seen.discard(item)  # expect: MNT103


class Cart:
    def __init__(self):
        self.items = ["pen", "cup"]

    def empty(self):
        for item in self.items:
            self.items.remove(item)  # expect: MNT103


# Near misses.
for n in list(numbers):
    if n < 0:
        numbers.remove(n)

for n in numbers[:]:
    numbers.remove(n)

for n in numbers:
    if n == 5:
        numbers.remove(n)
        break

kept = []
for n in numbers:
    if n > 1:
        kept.append(n)

for i in range(len(numbers)):
    numbers[i] = 0

for name in ages:
    ages[name] += 1

queue = ["start"]
for place in queue:
    for neighbour in ["a", "b"]:
        if neighbour not in queue:
            queue.append(neighbour)

Cart().empty()

stock = {"apples": 0, "pears": 3}
for fruit in stock.keys():
    if stock[fruit] == 0:
        del stock[fruit]  # expect: MNT103

marks = [3, 0, 5, 0]
for i, mark in enumerate(marks):
    if mark == 0:
        marks.pop(i)  # expect: MNT103

for fruit, amount in stock.items():
    stock[fruit] = amount + 1
