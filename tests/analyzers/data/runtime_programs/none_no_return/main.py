def double(x):
    print(x * 2)

doubled = double(4)
print(doubled + 1)
