score = 3
if score = 10:  # expect: MNT201
    print("ten")
