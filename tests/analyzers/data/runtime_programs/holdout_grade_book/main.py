grades = {"Alice": [90, 82], "Bob": [75]}
roster = ["Alice", "Bob", "Carol"]
for student in roster:
    total = 0
    count = 0
    for g in grades[student]:
        total += g
        count += 1
