year = 2024
short = year[2:]
