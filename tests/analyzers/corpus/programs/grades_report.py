# Read grades from a file and report statistics.
def read_grades(path):
    grades = []
    f = open(path)  # expect: MNT904
    for line in f:
        line = line.strip()
        if line == "":
            continue
        try:
            grades.append(int(line))
        except ValueError:
            print("Skipping", line)
    f.close()
    return grades


def average(grades):
    if len(grades) == 0:
        return 0
    return sum(grades) / len(grades)


def median(grades):
    ordered = sorted(grades)
    middle = int(len(ordered) / 2)  # expect: MNT603
    if len(ordered) % 2 == 1:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def letter(grade):
    if grade >= 90:
        return "A"
    if grade >= 80:
        return "B"
    if grade >= 70:
        return "C"
    return "F"


def histogram(grades):
    counts = {}
    for g in grades:
        l = letter(g)
        if l in counts:
            counts[l] += 1
        else:
            counts[l] = 1
    for l in sorted(counts):
        print(l, "*" * counts[l])


grades = read_grades("grades.txt")
print("Average:", average(grades))
print("Median:", median(grades))
histogram(grades)
