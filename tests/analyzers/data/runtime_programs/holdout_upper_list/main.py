names = ["ann", "bo"]
print(names.upper())
