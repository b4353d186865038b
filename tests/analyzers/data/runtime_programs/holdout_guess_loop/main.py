secret = 7
guess = 0
while guess != secret: print("try again") if guess > 100 else None
