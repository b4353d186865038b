# Strings and lists: length, nested lists, building text in a loop.
name = input("Name? ")
print(name.length)  # expect: MNT701
words = name.split()
count = words.len()  # expect: MNT701
items = [1, 2, 3]
if items.size() > 0:  # expect: MNT701
    print("not empty")
letters = "abc"
n = letters.length()  # expect: MNT701


def shout(text):
    return text.upper() * text.len()  # expect: MNT701


grid = [[0] * 3] * 3  # expect: MNT702
rows = 4
board = rows * [[]]  # expect: MNT702
counts = [{}] * 5  # expect: MNT702
table = [["."] * 8] * 8  # expect: MNT702
buckets = [set()] * 3  # expect: MNT702

result = ""
for word in words:
    result += word + ", "  # expect: MNT703


def initials(people):
    letters = ""
    for person in people:
        letters = letters + person[0]  # expect: MNT703
    return letters


text = "Numbers: "
for number in range(5):
    text += str(number)  # expect: MNT703

line = ""
for ch in name:
    if ch != " ":
        line += ch.upper()  # expect: MNT703


# Near misses.
print(len(name), len(words))


class Segment:
    def __init__(self, start, end):
        self.length = end - start


piece = Segment(1, 4)
print(piece.length)
grid_ok = [[0] * 3 for _ in range(3)]
row = [0] * 3
pairs = [(0, 0)] * 3
joined = ", ".join(words)
stars = ""
for i in range(3):
    stars += "*"
total = 0
for number in [1, 2]:
    total += number
collected = []
for word in words:
    collected += [word]
print(count, n, shout("a"), grid, board, counts, table, buckets, result, initials(["a"]))
print(text, line, grid_ok, row, pairs, joined, stars, total, collected)
