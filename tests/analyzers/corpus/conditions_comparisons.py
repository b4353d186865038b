# How comparisons are written: `is` with literals, repeated ==, chains, singletons.
answer = input("Continue? ")
count = int(input("How many? "))
day = input("Day? ")
letter = input("Letter? ")
age = int(input("Age? "))
result = None
done = False

if answer is "yes":  # expect: MNT205
    print("going on")
if count is not 0:  # expect: MNT205
    print("some")
if count is 1000:  # expect: MNT205
    print("a thousand")
empty = [] is []  # expect: MNT205
if letter is not "q":  # expect: MNT205
    print("go on")

if day == "Saturday" or day == "Sunday":  # expect: MNT206
    print("weekend")
if letter == "a" or letter == "e" or letter == "i":  # expect: MNT206
    print("vowel")
if letter != "y" and letter != "n":  # expect: MNT206
    print("please answer y or n")
if count == 1 or count == 2 or done:  # expect: MNT206
    print("few")
while answer == "maybe" or answer == "perhaps":  # expect: MNT206
    answer = input("Yes or no? ")

if age >= 13 and age <= 19:  # expect: MNT207
    print("teenager")
valid = 0 < count and count < 10  # expect: MNT207
if count > 0 and count < 100:  # expect: MNT207
    print("in range")
if 1 <= age and age < 120:  # expect: MNT207
    print("plausible")
ok = (count >= 0) and (count <= 9) and done  # expect: MNT207

if result == None:  # expect: MNT202
    print("nothing yet")
if done == True:  # expect: MNT202
    print("finished")
while done == False:  # expect: MNT202
    done = True
if None != result:  # expect: MNT202
    print("something")

if answer == "yes" or "y":  # expect: MNT203
    print("always")
if count == 1 or 2:  # expect: MNT203
    print("always too")
if day == "Mon" or "Tue" or "Wed":  # expect: MNT203
    print("midweek?")

# Near misses.
if answer == "yes":
    print("ok")
if result is None:
    print("none")
if done is True:
    print("done")
if day in ("Saturday", "Sunday"):
    print("weekend")
if day == "Monday" or letter == "m":
    print("m")
if 13 <= age <= 19:
    print("teen")
if age > 13 or age < 5:
    print("not a child of school age")
if count > 0 and age < 100:
    print("both")
if answer == "yes" or answer == "y":  # expect: MNT206
    print("two answers")
name = input() or "guest"
same = answer == day
print(empty, valid, ok, name, same)
