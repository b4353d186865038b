lines = ["a,b", "c,d"]
parts = lines.split(",")
