def cell(row, col):
    return row[col]

board = ["x", "o", "x"]
print(cell(board, 3))
