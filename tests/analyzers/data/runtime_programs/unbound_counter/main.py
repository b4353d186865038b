count = 0

def add_one():
    count = count + 1

add_one()
print(count)
