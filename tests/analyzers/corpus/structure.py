# Code that never runs, and lines that do nothing.
def area(width, height):
    return width * height
    print("computed")  # expect: MNT901


for n in [1, 2]:
    break
    print(n)  # expect: MNT901


def check(x):
    if x < 0:
        raise ValueError("negative")
        x = 0  # expect: MNT901
    return x


def first_positive(numbers):
    for n in numbers:
        if n > 0:
            return n
            break  # expect: MNT901
    return None


x = 0
x == 5  # expect: MNT902
count = 0
count + 1  # expect: MNT902
numbers = [3, 1, 2]
numbers.sort  # expect: MNT902


def main():
    print("hi")


main  # expect: MNT902
a, b = 1, 2
a, b  # expect: MNT902
items = [1]
items.clear  # expect: MNT902
not x  # expect: MNT902

# Near misses.
"""A string on its own line works as a comment."""


def todo():
    ...


try:
    value
except NameError:
    value = 1

items[0]
x += 1
print(area(1, 2), check(1), first_positive([1]), value)


class Pet:
    def __init__(self, name):
        self.name = name

    def show(self):
        self.name  # expect: MNT902
        print(self.name)
