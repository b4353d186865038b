# Loops that stop in their first pass.
def contains(items, wanted):
    for item in items:  # expect: MNT105
        if item == wanted:
            return True
        else:
            return False


def first_even(numbers):
    for n in numbers:  # expect: MNT105
        if n % 2 == 0:
            return n
        return None


def all_positive(numbers):
    for n in numbers:  # expect: MNT105
        if n <= 0:
            return False
        return True


def find_name(people, name):
    i = 0
    while i < len(people):  # expect: MNT105
        if people[i] == name:
            return i
        else:
            return -1


for ch in "hello":  # expect: MNT105
    if ch == "l":
        print("found an l")
        break
    else:
        print("no l yet")
        break


# Near misses.
def contains_ok(items, wanted):
    for item in items:
        if item == wanted:
            return True
    return False


def first(items):
    for item in items:
        return item


for ch in "hello":
    if ch == "x":
        break
else:
    print("no x")

for ch in "hello":
    if ch == "l":
        continue
    else:
        break

print(contains([1], 1), first_even([1]), all_positive([1]), find_name(["a"], "a"))
print(contains_ok([1], 2), first([3]))
