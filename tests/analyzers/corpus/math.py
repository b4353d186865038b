# A first program saved as math.py  # expect: MNT903
width = 3
print(width * width)
