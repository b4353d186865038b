raw = "3,5"
value = float(raw)
