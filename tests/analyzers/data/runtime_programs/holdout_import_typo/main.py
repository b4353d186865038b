from random import randit
print(randit(1, 6))
