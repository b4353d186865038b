fruits = ["apple", "pear"]
fruits.remove("kiwi")
