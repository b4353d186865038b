student = {"name": "Lee", "grades": [90, 85]}
print(student["grade"])
