# Functions used as conditions without calling them.
import os


def game_over():
    return False


def is_valid(text):
    return text.strip() != ""


text = input("Number: ")
if text.isdigit:  # expect: MNT208
    print(int(text))

while not game_over:  # expect: MNT208
    print("playing")
    break

if is_valid and text:  # expect: MNT208
    print("valid")

if os.path.exists:  # expect: MNT208
    print("found it")

word = input("Word: ")
if word.isupper:  # expect: MNT208
    print("shouting")

message = "yes" if text.isalpha else "no"  # expect: MNT208

# Near misses.
if text.isdigit():
    print("digits")
if game_over():
    print("over")
callback = None
if callback:
    callback()


def run(handler=None):
    if handler:
        handler()


def apply(check, value):
    if check:
        return check(value)
    return value


print(message, is_valid("x"), run(), apply(None, 1))
