# Loops over positions: range(len(...)) only to read items, and the loops that really need i.
names = ["Ada", "Alan", "Grace"]
scores = [7, 9, 4]

for i in range(len(names)):  # expect: MNT101
    print("Hello", names[i])

for i in range(len(scores)):  # expect: MNT101
    print(i, scores[i])

total = 0
for k in range(len(scores)):  # expect: MNT101
    total = total + scores[k]
print(total)


def largest(values):
    best = values[0]
    for i in range(len(values)):  # expect: MNT101
        if values[i] > best:
            best = values[i]
    return best


def shout(words):
    for i in range(len(words)):  # expect: MNT101
        print(words[i].upper() + "!")


# Near misses: the index itself is needed.
for i in range(len(scores)):
    scores[i] = scores[i] * 2

for i in range(len(names) - 1):
    print(names[i], "comes before", names[i + 1])

for i in range(len(names)):
    print(i)

for i in range(len(names)):  # expect: MNT101
    print(names[i], scores[i])

for name in names:
    print(name)

for position, name in enumerate(names):
    print(position, name)

print(largest(scores))
shout(names)
