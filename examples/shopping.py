def add_item(item, basket=[]):
    """Add an item to the basket and return the basket."""
    basket.append(item)
    return basket


def ask_yes_no(question):
    answer = input(question)
    if answer == "yes" or "y":
        return True
    return False


try:
    if ask_yes_no("Add apples? "):
        add_item("apple")
except:
    print("Something went wrong")
