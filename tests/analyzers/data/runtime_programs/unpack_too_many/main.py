full = "Ada King Lovelace"
first, last = full.split()
