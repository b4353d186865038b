# Functions: parameters that are never used, and the near misses a callback or a stub makes.
import random


def rectangle_area(length, width):  # expect: MNT305
    return length * length


def say_hello(name):  # expect: MNT305
    print("Hello there!")


def double(number):  # expect: MNT305
    number = int(input("Number: "))
    return number * 2


def pick_card(deck, seed):  # expect: MNT305
    return random.choice(deck)


def fine_area(length, width):
    return length * width


def ask_again(prompt):
    if not prompt:
        prompt = "Again? "
    return input(prompt)


def later(values):
    pass


def not_yet(values):
    """Sum the values (to do)."""
    raise NotImplementedError


def on_key(event):
    print("key pressed")


def by_length(word):
    return len(word)


words = sorted(["pear", "fig"], key=by_length)
window = {"bind": on_key}


class Animal:
    def speak(self, loudness):
        return "..."


class Dog(Animal):
    def speak(self, loudness):
        return "Woof" * loudness


class Counter:
    def add(self, amount, times):
        return amount + 1

    def __exit__(self, kind, value, traceback):
        return False


def outer(limit):
    def inner():
        return limit

    return inner


def scale(values, _factor):
    return values
