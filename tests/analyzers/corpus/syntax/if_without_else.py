age = 20
label = "adult" if age > 17  # expect: MNT001
print(label)
