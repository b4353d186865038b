def letter(score):
    if score >= 90:
        grade = "A"
    elif score >= 80:
        grade = "B"
    return grade

print(letter(95))
print(letter(50))
