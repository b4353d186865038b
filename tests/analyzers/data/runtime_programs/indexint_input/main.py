items = ["tea", "coffee", "juice"]
choice = input("Which one (0-2)? ")
print(items[choice])
