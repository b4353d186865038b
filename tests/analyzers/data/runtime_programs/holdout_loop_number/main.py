def total_up_to(n):
    s = 0
    for k in n:
        s += k
    return s

print(total_up_to(4))
