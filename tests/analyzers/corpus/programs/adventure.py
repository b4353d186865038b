# A tiny text adventure. Nothing here should be flagged.
ROOMS = {
    "hall": {"north": "kitchen", "east": "garden"},
    "kitchen": {"south": "hall"},
    "garden": {"west": "hall"},
}
ITEMS = {"kitchen": "key", "garden": "lamp"}


def describe(room, inventory):
    print("You are in the", room)
    item = ITEMS.get(room)
    if item is not None and item not in inventory:
        print("You see a", item)
    exits = ", ".join(sorted(ROOMS[room]))
    print("Exits:", exits)


def move(room, direction):
    return ROOMS[room].get(direction, room)


def play():
    room = "hall"
    inventory = []
    while len(inventory) < len(ITEMS):
        describe(room, inventory)
        command = input("> ").split()
        if not command:
            continue
        verb = command[0]
        if verb == "go" and len(command) > 1:
            room = move(room, command[1])
        elif verb == "take" and room in ITEMS and ITEMS[room] not in inventory:
            inventory.append(ITEMS[room])
        elif verb == "quit":
            return False
        else:
            print("I do not understand")
    print("You found everything!")
    return True


play()
