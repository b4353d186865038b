people = ["Ada Lovelace", "Grace Hopper", "Guido"]
for person in people:
    first, last = person.split()
    print(last, first)
