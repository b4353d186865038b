names = ["ann"]
names = names.append("bob")
print(len(names))
