radius = 3
print(math.pi * radius ** 2)
