# if/else that only returns True or False.
def is_adult(age):
    if age >= 18:  # expect: MNT204
        return True
    else:
        return False


def is_empty(items):
    if len(items) == 0:  # expect: MNT204
        return True
    return False


def is_odd(n):
    if n % 2 == 0:  # expect: MNT204
        return False
    else:
        return True


def has_letters(text):
    if text:  # expect: MNT204
        return True
    return False


def can_vote(age, citizen):
    if age >= 18 and citizen:  # expect: MNT204
        return True
    else:
        return False


def is_vowel(letter):
    if letter in "aeiou":  # expect: MNT204
        return True
    return False


# Near misses.
def sign(n):
    if n > 0:
        return 1
    return -1


def check(x):
    if x > 0:
        return True
    elif x < 0:
        return False
    return None


def maybe(x):
    if x:
        return True
    return None


def report(score):
    if score > 50:
        print("pass")
        return True
    return False


def is_teen(age):
    return 13 <= age <= 19


print(is_adult(3), is_empty([]), is_odd(3), has_letters(""), can_vote(20, True))
print(is_vowel("a"), sign(2), check(1), maybe(0), report(60), is_teen(15))
