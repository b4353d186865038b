# Classes: return in __init__, methods without self.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        return self  # expect: MNT801


class Account:
    def __init__(self, amount):
        if amount < 0:
            return False  # expect: MNT801
        self.amount = amount


class Timer:
    def __init__(self, seconds):
        self.seconds = seconds
        return seconds * 1000  # expect: MNT801


class Dog:
    def __init__(self, name):
        self.name = name

    def bark():  # expect: MNT802
        print("Woof")

    def rename(new_name):  # expect: MNT802
        self.name = new_name

    def describe():  # expect: MNT802
        return "a dog"


class Rectangle:
    def __init__(self, w, h):
        self.w = w
        self.h = h

    def area(width):  # expect: MNT802
        return self.w * self.h


# Near misses.
class Circle:
    def __init__(self, r):
        self.r = r
        if r < 0:
            return

    def area(self):
        return 3.14 * self.r ** 2

    @staticmethod
    def unit():
        return Circle(1)

    @classmethod
    def from_diameter(cls, d):
        return cls(d / 2)

    def __new__(cls, r):
        return super().__new__(cls)


class Registry(type):
    def __call__(cls, *args):
        return super().__call__(*args)


class Empty:
    def __init__(self):
        return None


print(Point(1, 2), Account(1), Timer(1), Dog("Rex"), Rectangle(1, 2), Circle(1), Empty())
