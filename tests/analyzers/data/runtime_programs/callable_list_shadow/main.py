list = [1, 2, 3]
print(list)
letters = list("abc")
