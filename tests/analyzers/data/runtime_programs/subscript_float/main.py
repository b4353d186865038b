temps = 21.5
temps = temps + 1
print(temps[1])
