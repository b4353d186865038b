text = "the cat the dog"
counts = {}
for word in text.split():
    counts[word] = counts[word] + 1
