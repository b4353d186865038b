# Functions that print instead of returning, or call themselves forever.
def area(width, height):
    print(width * height)  # expect: MNT303


room = area(3, 4)


def calculate_average(numbers):
    total = sum(numbers)
    print(total / len(numbers))  # expect: MNT303


def double(n):
    print("Result:", n * 2)  # expect: MNT303


print(double(4))


def get_total(prices):
    total = 0
    for price in prices:
        total += price
    print(total)  # expect: MNT303


def celsius_to_fahrenheit(celsius):
    print(celsius * 9 / 5 + 32)  # expect: MNT303


def square(x):
    result = x * x
    print(result)  # expect: MNT303


answer = square(3)


def factorial(n):
    return n * factorial(n - 1)  # expect: MNT304


def countdown(n):
    print(n)
    countdown(n - 1)  # expect: MNT304


def fib(n):
    result = fib(n - 1) + fib(n - 2)  # expect: MNT304
    if n < 2:
        return n
    return result


def power(base, exponent):
    return base * power(base, exponent - 1)  # expect: MNT304


class Node:
    def __init__(self, rest):
        self.rest = rest

    def size(self):
        return 1 + self.size()  # expect: MNT304


# Near misses.
def area_ok(width, height):
    return width * height


def show_total(prices):
    print(sum(prices))


def greet(name):
    print("Hello", name)


def main():
    print("start")
    greet("Ada")


def factorial_ok(n):
    if n <= 1:
        return 1
    return n * factorial_ok(n - 1)


def fact(n):
    return 1 if n == 0 else n * fact(n - 1)


def walk(tree):
    for child in tree:
        walk(child)


def count_up(n):
    yield n
    yield from count_up(n + 1)


def average_ok(numbers):
    total = sum(numbers)
    print("average:", total / len(numbers))
    return total / len(numbers)


main()
show_total([1, 2])
print(area_ok(1, 2), factorial_ok(3), fact(3), average_ok([1]), calculate_average([1]))
print(get_total([1]), celsius_to_fahrenheit(3), room, answer, Node(None))
