number = 12345
digits = len(number)
