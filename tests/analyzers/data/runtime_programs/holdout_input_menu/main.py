options = ["start", "load", "quit"]
pick = input("Option number: ")
print("You chose", options[pick])
