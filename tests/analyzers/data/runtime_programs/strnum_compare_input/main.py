guess = input("Guess: ")
if guess > 50:
    print("too high")
