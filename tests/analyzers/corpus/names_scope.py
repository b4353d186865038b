# Names: undefined, unused, changed globals, and names of built-ins.
import math

count = 0
total = 0
names = ["Ada", "Alan"]


def add_one():
    count += 1  # expect: MNT402


def add(x):
    print(total)  # expect: MNT402
    total = total + x


def counter():
    clicks = 0  # expect: MNT404

    def click():
        clicks = clicks + 1  # expect: MNT402
        return clicks

    return click


def rename():
    print(names)  # expect: MNT402
    names = ["Grace"]
    return names


def bump(step):
    if step > 0:
        total += step  # expect: MNT402


pritn("Hello")  # expect: MNT403
print(totl)  # expect: MNT403
if input("Go? ") == yes:  # expect: MNT403
    print("going")
while true:  # expect: MNT403
    break
radius = 2
print(Math.pi * radius ** 2)  # expect: MNT403


def area(width, height):  # expect: MNT305
    return width * heigth  # expect: MNT403


def make_secret():
    secret = 42
    return secret


def use_secret():
    return secret  # expect: MNT403


print(random.randint(1, 6))  # expect: MNT403


def perimeter(width, height):
    result = 2 * (width + height)  # expect: MNT404
    return 2 * width + 2 * height


def ask_age():
    age = input("Age? ")  # expect: MNT404
    return 0


def parse(text):
    try:
        return int(text)
    except ValueError as error:  # expect: MNT404
        return 0


def greet(name):
    greeting = "Hello " + name  # expect: MNT404
    print("Hello", name)


def swap(pair):
    first = pair[0]
    second = pair[1]  # expect: MNT404
    return first


list = [1, 2, 3]  # expect: MNT401
sum = 0  # expect: MNT401
for max in range(3):  # expect: MNT401
    sum += max


def average(list):  # expect: MNT401 MNT305
    return 0


def input():  # expect: MNT401
    return "5"


def longest(words):
    len = 0  # expect: MNT401
    for word in words:
        if len(word) > 0:
            len = len + 1
    return len


# Near misses.
def add_one_global():
    global count
    count += 1


def show():
    print(count, total)


def reset():
    total = 0
    return total


def increment(x):
    x += 1
    return x


def outer():
    n = 0

    def inner():
        nonlocal n
        n += 1
        return n

    return inner


def later_use():
    return defined_later


defined_later = 3
squares = [n * n for n in range(3)]
print(math.sqrt(4), __name__, __file__)


class Box:
    size = 2
    doubled = [size * 2]

    def volume(self):
        return self.size ** 3


def pair_first(pair):
    a, b = pair
    return a


def loop_twice():
    for i in range(2):
        print("again")


def ignore():
    _unused = 1
    dummy = 2


def longest_word(words):
    max = 0  # expect: MNT401
    for w in words:
        max = w
    return max


try:
    unicode
except NameError:
    unicode = str

value = 10
if (n := value) > 5:
    print(n)

add_one()
add(1)
bump(1)
greet("x")
add_one_global()
show()
loop_twice()
ignore()
print(counter(), rename(), area(1, 2), make_secret(), use_secret(), perimeter(1, 2))
print(ask_age(), parse("1"), swap((1, 2)), average([1]), longest(["a"]), reset())
print(increment(1), outer(), later_use(), squares, Box().volume(), pair_first((1, 2)))
print(longest_word([]))
