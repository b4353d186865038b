# Opening files without with.
f = open("notes.txt")  # expect: MNT904
# read everything
text = f.read()
f.close()


def save(path, data):
    handle = open(path, "w")  # expect: MNT904
    handle.write(data)


def count_lines(path):
    file = open(path)  # expect: MNT904
    lines = file.readlines()
    file.close()
    return len(lines)


log = open("log.txt", "a")  # expect: MNT904
log.write("started\n")

scores = open("scores.csv")  # expect: MNT904
for row in scores:
    print(row)
scores.close()

# Near misses.
with open("notes.txt") as notes:
    print(notes.read())


def opener(path):
    stream = open(path)
    return stream


data_file = open("data.txt")
try:
    print(data_file.read())
finally:
    data_file.close()


class Logger:
    def __init__(self, path):
        self.file = open(path, "a")


print(text, save("x", "y"), count_lines("z"), opener("w"), Logger("l"))
