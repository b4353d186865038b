# while True without a way out, and loops that really do stop.
import sys

while True:  # expect: MNT104
    answer = input("Password? ")
    if answer == "secret":
        print("Welcome")

count = 0
while 1:  # expect: MNT104
    count += 1

while True:  # expect: MNT104
    for n in range(3):
        if n == 2:
            break


def menu():
    while True:  # expect: MNT104
        choice = input("> ")
        if choice == "q":
            print("bye")
        else:
            print("you chose", choice)


while True:  # expect: MNT104
    print("tick")

# Near misses: each of these can stop.
while True:
    if input() == "q":
        break


def ask_number():
    while True:
        text = input("Number: ")
        if text.isdigit():
            return int(text)


while True:
    try:
        value = int(input())
        break
    except ValueError:
        print("again")

while True:
    if input() == "stop":
        sys.exit()


def numbers_from(start):
    while True:
        yield start
        start += 1


while True:
    line = input()
    if not line:
        raise SystemExit

total = 0
while total < 10:
    total += 3

menu()
print(ask_number(), value, numbers_from(1))
