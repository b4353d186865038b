names = ["ann", "bob", "cy"]
last = names[len(names)]
