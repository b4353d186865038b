items = [1, 2, 3, 4]
for i in range(len(items) / 2):
    print(items[i])
