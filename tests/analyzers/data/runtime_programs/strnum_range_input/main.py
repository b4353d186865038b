n = input("How many? ")
for i in range(n):
    print(i)
