"""A student's own statistics package, named like the standard module."""  # expect: MNT903


def mean(values):
    return sum(values) / len(values)
