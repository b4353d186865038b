# Tic-tac-toe for two players.
board = [[" "] * 3] * 3  # expect: MNT702
player = "X"


def show(board):
    for row in board:
        print("|".join(row))
        print("-" * 5)


def winner(board):
    for row in board:
        if row[0] == row[1] == row[2] and row[0] != " ":
            return row[0]
    for col in range(3):
        if board[0][col] == board[1][col] and board[1][col] == board[2][col]:
            if board[0][col] != " ":
                return board[0][col]
    return None


def full(board):
    for row in board:
        for cell in row:
            if cell == " ":
                return False
    return True


moves = 0
while True:
    show(board)
    move = input("Player " + player + ", row and column (like 1 2): ")
    parts = move.split()
    if len(parts) != 2:
        print("Please type two numbers")
        continue
    r = int(parts[0]) - 1
    c = int(parts[1]) - 1
    if board[r][c] != " ":
        print("Taken!")
        continue
    board[r][c] = player
    moves = moves + 1
    if winner(board) != None:  # expect: MNT202
        show(board)
        print(player, "wins!")
        break
    if full(board):
        print("Draw")
        break
    if player == "X":
        player = "O"
    else:
        player = "X"
