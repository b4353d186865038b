width = 4
height = 5
print(area(width, height))

def area(w, h):
    return w * h
