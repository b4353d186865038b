n = 5
while n = 0:  # expect: MNT201
    n = n - 1
