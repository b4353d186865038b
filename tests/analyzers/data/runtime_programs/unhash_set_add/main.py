seen = set()
rows = [[1, 2], [3, 4]]
for row in rows:
    seen.add(row)
