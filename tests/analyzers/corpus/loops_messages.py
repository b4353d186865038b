# Loops whose messages once claimed something false for the program: each message must hold.


def has_duplicate(values):
    for first in values:  # expect: MNT105
        for second in values:
            if first == second:
                return True
        return False


def last_doubled(count):
    for step in range(count):
        step = step * 2  # expect: MNT102
    return step


def position_of(names, wanted):
    for i in range(len(names)):  # expect: MNT101
        if names[i] == wanted:
            return i
    return -1
