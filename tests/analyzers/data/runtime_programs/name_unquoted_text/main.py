answer = input("Continue? ")
if answer == yes:
    print("ok")
