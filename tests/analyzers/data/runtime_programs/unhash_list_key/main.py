counts = {}
pair = [1, 2]
counts[pair] = 1
