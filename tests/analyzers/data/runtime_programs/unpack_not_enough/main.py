point = (3, 4)
x, y, z = point
