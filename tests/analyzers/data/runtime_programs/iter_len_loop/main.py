names = ["a", "b", "c"]
for i in len(names):
    print(names[i])
