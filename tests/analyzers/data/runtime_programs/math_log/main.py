import math
x = 0
print(math.log(x))
