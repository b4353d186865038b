# Mutable default values, and keeping the result of something that returns None.
import random


def add_item(item, basket=[]):  # expect: MNT301
    basket.append(item)
    return basket


def count_word(word, seen={}):  # expect: MNT301
    seen[word] = seen.get(word, 0) + 1
    return seen[word]


def remember(name, names=set()):  # expect: MNT301
    names.add(name)
    return len(names)


def new_player(name, scores=[]):  # expect: MNT301
    return {"name": name, "scores": scores}


class Team:
    def __init__(self, members=[]):  # expect: MNT301
        self.members = members


numbers = [3, 1, 2]
numbers = numbers.sort()  # expect: MNT302
names = []
result = names.append("Ada")  # expect: MNT302
answer = print("Hello")  # expect: MNT302
cards = [1, 2, 3]
cards = random.shuffle(cards)  # expect: MNT302


def ordered(values):
    return values.sort()  # expect: MNT302


def setup():
    global ready
    ready = True


state = setup()  # expect: MNT302

# Near misses.
def add_item_ok(item, basket=None):
    if basket is None:
        basket = []
    basket.append(item)
    return basket


def total(values, extra=[]):  # expect: MNT301
    return sum(values) + sum(extra)


def describe(point=(0, 0), name="origin"):
    return name, point


def cached(n, _memo={}):
    _memo[n] = n
    return n


sorted_numbers = sorted([3, 1, 2])
last = [1, 2].pop()


def twice(x):
    return 2 * x


y = twice(3)


def delegate(values):
    return ordered(values)


print(add_item("a"), count_word("w"), remember("x"), new_player("p"), Team())
print(add_item_ok("b"), total([1]), describe(), cached(1), sorted_numbers, last, y)
print(numbers, result, answer, cards, state, delegate([2, 1]))
