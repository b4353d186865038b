def add(a, b):
    return a * b

assert add(2, 2) == 4
assert add(2, 3) == 5
