price = input("Price: ")
print(price * 1.2)
