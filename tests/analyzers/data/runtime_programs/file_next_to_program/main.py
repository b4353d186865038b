data = open("names.txt").read()
