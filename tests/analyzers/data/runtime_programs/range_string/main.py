word = "code"
print(word[5])
