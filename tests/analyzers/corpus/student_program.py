# A whole student program: a grade book with the usual mistakes.
grades = []


def add_grade(grade, book=[]):  # expect: MNT301
    book.append(grade)
    return book


def average(values):
    total = 0
    for i in range(len(values)):  # expect: MNT101
        total += values[i]
    return total / len(values)


def best(values):
    for v in values:  # expect: MNT105
        if v == max(values):
            return v
        else:
            return None


def passed(grade):
    if grade >= 5:  # expect: MNT204
        return True
    else:
        return False


def report(values):
    print("Average:", average(values))


how_many = input("How many grades? ")
for n in range(how_many):  # expect: MNT601
    grade = int(input("Grade: "))
    grades.append(grade)

report(grades)
if best(grades) == None:  # expect: MNT202
    print("no grades")
print(passed(6), add_grade(1))
