text = "banana"
for i in range(len(text)):
    if text[i] == "a":
        text[i] = "*"
