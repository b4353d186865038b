ages = {}
ages.popitem()
