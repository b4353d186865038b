def total(xs):
    return sum(xs)

total([1]) = 3  # expect: MNT014
