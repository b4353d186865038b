# Names read before the line that gives them their first value (module code and functions).

print("Total so far:", running_total)  # expect: MNT403
running_total = 0

while reply != "quit":  # expect: MNT403
    reply = input("Command: ")

visits += 1  # expect: MNT403
visits = 0


def add_point():
    points += 1  # expect: MNT402
    return points


def show_name():
    print(full_name)  # expect: MNT402
    full_name = "Ada Lovelace"


for number in range(5):
    if number > 2:
        print(previous)
    previous = number

answer = ""
while answer != "quit":
    answer = input("Command: ")


def greet():
    print(greeting)


greeting = "hello"
greet()
