word = "hello"
word[0] = "J"
