def find_long(words):
    for w in words:
        if len(w) > 10:
            return w

words = ["cat", "dog"]
word = find_long(words)
print(word.upper())
