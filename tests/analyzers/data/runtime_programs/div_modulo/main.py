n = 12
d = 0
if n % d == 0:
    print("divides")
