age = 17
print("You are " + age + " years old")
