ages = {"ann": 12, "bob": 14}
for name, age in ages:
    print(name, age)
