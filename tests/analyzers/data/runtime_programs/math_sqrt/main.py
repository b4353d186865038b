import math
d = 1 - 4 * 2
root = math.sqrt(d)
