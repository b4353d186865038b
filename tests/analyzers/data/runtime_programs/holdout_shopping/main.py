cart = {"apple": 0.5, "bread": 2.25}
total = 0
for item in cart:
    total += cart[item]
print("Total: $" + total)
