answer = input("Price: ")
price = float(answer)
