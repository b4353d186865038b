numbers = [1, 2]
del 5  # expect: MNT001
