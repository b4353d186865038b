class BankAccount:
    def __init__(self, owner):
        self.owner = owner

    def deposit(self, amount):
        self.balance += amount

acct = BankAccount("Kim")
acct.deposit(50)
