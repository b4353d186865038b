password = "abc"
assert len(password) >= 8, "password too short"
