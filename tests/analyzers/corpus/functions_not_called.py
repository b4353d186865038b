# Functions used as if they were their result, and the near misses that pass a function on.


def weekdays():
    return ["Mon", "Tue", "Wed"]


def high_score():
    return 90


for day in weekdays:  # expect: MNT306
    print(day)
print(len(weekdays))  # expect: MNT306
if high_score > 50:  # expect: MNT306
    print("good")
names = ["Ada", "Alan"]
for i in range(len(names)):
    print(len[i])  # expect: MNT306

for day in weekdays():
    print(day)
print(len(weekdays()))
if high_score() > 50:
    print("good")
actions = [weekdays, high_score]
print(actions[0]())
ordered = sorted(names, key=len)
if high_score is not None:
    print("defined")
