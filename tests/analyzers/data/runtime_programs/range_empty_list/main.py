results = []
line = "no data"
print(results[0])
