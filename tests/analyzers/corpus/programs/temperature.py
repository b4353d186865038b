# Convert temperatures between Celsius and Fahrenheit.
def celsius_to_fahrenheit(c):
    return c * 9 / 5 + 32


def fahrenheit_to_celsius(f):
    print((f - 32) * 5 / 9)  # expect: MNT303


def describe(temp):
    if temp < 0:
        return "freezing"
    elif temp < 15:
        return "cold"
    elif temp < 25:
        return "nice"
    else:
        return "hot"


choice = input("Convert (c)elsius or (f)ahrenheit? ")
value = float(input("Temperature: "))
if choice == "c" or choice == "C":  # expect: MNT206
    result = celsius_to_fahrenheit(value)
    print(value, "C is", result, "F")
    print("That feels", describe(value))
elif choice == "f":
    result = fahrenheit_to_celsius(value)
    print(value, "F is", result, "C")
    print("That feels", describe(result))
else:
    print("Unknown choice")
