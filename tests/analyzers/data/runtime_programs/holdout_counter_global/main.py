score = 0

def add_points(points):
    score = score + points

add_points(5)
