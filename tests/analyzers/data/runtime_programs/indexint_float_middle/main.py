data = [1, 3, 5, 7, 9]
middle = data[len(data) / 2]
