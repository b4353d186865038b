import math
a, b, c = 1, 1, 1
print(math.sqrt(b * b - 4 * a * c))
