grid = [0, 0, 0]
grid[3] = 1
