x = 4
if x > 5:
    print("big")
elif x = 4:  # expect: MNT201
    print("four")
