name = "abc"
name.append("d")
