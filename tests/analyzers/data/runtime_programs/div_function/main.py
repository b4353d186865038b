def split(a, b):
    return a // b

print(split(10, 0))
