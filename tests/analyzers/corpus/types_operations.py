# Types: text and numbers mixed in one operation, and input() compared with computed numbers.
import random

print("Thanks for playing " + 5)  # expect: MNT604
points = 12
print("You scored " + points + " points")  # expect: MNT604
count = len(["a", "b"])
label = count + " items"  # expect: MNT604
half = "100" / 2  # expect: MNT604

print("Thanks for playing " + str(5))
print(f"You scored {points} points")
print("-" * 20)
print("%d items" % count)
total = points + count


def describe(thing):
    return "It is " + thing


secret_number = random.randint(1, 10)
guess = input("Guess: ")
if guess == secret_number:  # expect: MNT601
    print("Right!")
tries = input("Tries: ")
if tries > count:  # expect: MNT601
    print("too many")
guess_number = int(input("Again: "))
if guess_number == secret_number:
    print("Right!")
