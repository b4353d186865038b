times = 7 / 2
for i in range(times):
    print("hip hip")
