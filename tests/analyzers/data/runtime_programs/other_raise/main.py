def deposit(amount):
    if amount < 0:
        raise ValueError("negative amount")

deposit(-5)
