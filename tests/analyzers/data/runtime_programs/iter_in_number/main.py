count = 10
if 3 in count:
    print("found")
