import random
words = []
print(random.choice(words))
