import random

secret = random.randint(1, 10)
guess = input("Guess a number between 1 and 10: ")

while guess != secret:
    if guess = secret:
        print("You got it!")
    guess = input("Try again: ")
