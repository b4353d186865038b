name = "Sam"
print(name())
