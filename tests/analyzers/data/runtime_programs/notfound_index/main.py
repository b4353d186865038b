names = ["ann", "bob"]
who = "cy"
position = names.index(who)
