age = int(input("Age: "))
