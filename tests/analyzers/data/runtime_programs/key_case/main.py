ages = {"ann": 12, "bob": 14}
print(ages["Bob"])
