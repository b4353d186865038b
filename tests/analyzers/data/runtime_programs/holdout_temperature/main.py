readings = "21.5 22.0 N/A 23.1".split()
temps = []
for reading in readings:
    temps.append(float(reading))
