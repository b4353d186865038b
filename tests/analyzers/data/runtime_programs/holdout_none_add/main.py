def subtotal(prices):
    s = 0
    for p in prices:
        s += p
    print(s)
total = subtotal([1, 2]) + 5
