prices = [3.5, 2.0, 4.25]
total = 0
for price in prices:
    total = total + price
print("Total:", totl)
