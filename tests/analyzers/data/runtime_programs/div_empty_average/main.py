marks = []
total = sum(marks)
# average of no marks
average = total / len(marks)
