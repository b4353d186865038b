letters = ["a", "b", "c"]
i = 0
while i <= len(letters):
    print(letters[i])
    i += 1
