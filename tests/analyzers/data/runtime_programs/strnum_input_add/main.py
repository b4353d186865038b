first = input("Number: ")
print(first + 10)
