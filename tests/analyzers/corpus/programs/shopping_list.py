# A shopping list manager.
shopping = []
prices = {}


def add(item, price):
    shopping.append(item)
    prices[item] = price


def remove_cheap(limit):
    for item in shopping:
        if prices[item] < limit:
            shopping.remove(item)  # expect: MNT103


def total():
    sum = 0  # expect: MNT401
    for item in shopping:
        sum = sum + prices[item]
    return sum


def most_expensive():
    best = None
    for item in shopping:
        if best == None or prices[item] > prices[best]:  # expect: MNT202
            best = item
    return best


def print_list():
    text = ""
    for item in shopping:
        text = text + item + " "  # expect: MNT703
    print(text)


while True:
    command = input("add/remove/show/quit: ")
    if command == "quit":
        break
    elif command == "add":
        name = input("Item: ")
        cost = float(input("Price: "))
        add(name, cost)
    elif command == "remove":
        limit = input("Remove items cheaper than: ")
        remove_cheap(float(limit))
    elif command == "show":
        print_list()
        print("Total:", total())
        print("Most expensive:", most_expensive())
    else:
        print("Unknown command", comand)  # expect: MNT403
