names = ["ann", "bob"]
for name in names:
    print(names[name])
