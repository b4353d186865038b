height = input("Height in m: ")
h = int(height)
