x = 4
y = 2(x + 3)
print(y)
