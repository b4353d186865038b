pin = 4821
if len(pin) != 4:
    print("bad pin")
