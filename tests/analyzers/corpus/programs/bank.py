# A bank account class.
class Account:
    interest = 0.02

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            print("Amount must be positive")
            return
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            print("Not enough money")
            return False
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return True

    def add_interest():  # expect: MNT802
        self.balance = self.balance * (1 + Account.interest)

    def statement(self):
        for kind, amount in self.history:
            print(kind, amount)
        print("Balance:", self.balance)

    def is_rich(self):
        if self.balance > 1000000:  # expect: MNT204
            return True
        else:
            return False


accounts = {}
name = input("Your name: ")
accounts[name] = Account(name)
acct = accounts[name]
acct.deposit(100)
ok = acct.withdraw(30)
if ok == True:  # expect: MNT202
    print("Withdrawn")
acct.statement()
print(acct.is_rich())
