balance = 100

def withdraw(amount):
    balance -= amount
    return balance

withdraw(30)
