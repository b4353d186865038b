# Matrices as lists of lists.
def zeros(rows, cols):
    return [[0] * cols for _ in range(rows)]


def identity(n):
    result = zeros(n, n)
    for i in range(n):
        result[i][i] = 1
    return result


def multiply(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    result = zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            for k in range(inner):
                result[i][j] += a[i][k] * b[k][j]
    return result


def transpose(m):
    return [list(row) for row in zip(*m)]


def show(m):
    for row in m:
        print(" ".join(f"{value:3}" for value in row))


def diagonal_sum(m):
    total = 0
    for i in range(len(m)):  # expect: MNT101
        total += m[i][i]
    return total


grid = [[1, 2], [3, 4]]
show(multiply(grid, identity(2)))
show(transpose(grid))
print(diagonal_sum(grid))
