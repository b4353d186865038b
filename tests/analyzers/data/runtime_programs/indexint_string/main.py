word = "python"
print(word["0"])
