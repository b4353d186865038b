# Types: input used as a number, type(x) == ..., int(a / b).
age = input("Age? ")
print(age + 1)  # expect: MNT601
guess = input("Guess: ")
if guess == 7:  # expect: MNT601
    print("right")
n = input("How many? ")
for i in range(n):  # expect: MNT601
    print(i)
price = input("Price? ")
total = price * 1.2  # expect: MNT601
score = input("Score? ")
score += 10  # expect: MNT601
if input("Number: ") > 10:  # expect: MNT601
    print("big")

value = 3.5
if type(value) == int:  # expect: MNT602
    print("whole number")
if type(value) != str:  # expect: MNT602
    print("not text")
if type(value) in (int, float):  # expect: MNT602
    print("a number")
is_list = type(value) == list  # expect: MNT602
if str == type(value):  # expect: MNT602
    print("text")

names = ["a", "b", "c", "d"]
middle = int(len(names) / 2)  # expect: MNT603
half = int(len(names) / 2) + 1  # expect: MNT603
a, b = 7, 2
quotient = int(a / b)  # expect: MNT603
pages = int((len(names) + 9) / 10)  # expect: MNT603
each = -int(a / b)  # expect: MNT603

# Near misses.
years = int(input("Years? "))
print(years + 1)
name = input("Name? ")
print("Hi " + name)
line = input()
if line == "quit":
    print("bye")
if isinstance(value, int):
    print("int")
if type(value) is float:  # expect: MNT602
    print("exactly float")
same = type(a) == type(b)
kind = type(value).__name__
mid = len(names) // 2
ratio = a / b
rounded = round(a / b)
steps = int(a * b)
rate = int(1000000.0 / b)
print(total, is_list, middle, half, quotient, pages, each, same, kind, mid, ratio, rounded)
print(steps, rate)
