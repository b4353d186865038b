filename = "grades.csv"
with open(filename) as f:
    rows = f.readlines()
