# A student's first program: ask for grades and report the average.

def average(list):
    total = 0
    for i in range(len(list)):
        total += list[i]
    return total / len(list)
    print("done")


grades = []
count = input("How many grades? ")
for n in range(count):
    grade = int(input("Grade: "))
    grades = grades.append(grade)

if average(grades) == None:
    print("no grades")
