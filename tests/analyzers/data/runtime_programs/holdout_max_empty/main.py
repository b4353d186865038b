words = ["a", "an", "the"]
long_words = [w for w in words if len(w) > 5]
print(max(long_words))
