rooms = {101: "lab", 102: "office"}
number = 103
print(rooms[number])
