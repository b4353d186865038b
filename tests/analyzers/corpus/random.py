import random  # expect: MNT903

print(random.randint(1, 6))
