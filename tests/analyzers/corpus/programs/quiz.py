# A small quiz with a score.
import random

questions = [
    ("What is 2 + 2?", "4"),
    ("Capital of France?", "paris"),
    ("Colour of the sky?", "blue"),
]
score = 0


def ask(question, answer):
    reply = input(question + " ")
    if reply.lower() == answer:
        print("Correct!")
        return True
    else:
        print("Wrong, it was", answer)
        return False


def update_score(correct):
    if correct:
        score = score + 1  # expect: MNT402


random.shuffle(questions)
for q in questions:
    correct = ask(q[0], q[1])
    update_score(correct)

percentage = int(score / len(questions) * 100)
print("You scored", score, "out of", len(questions))
print("That is", percentage, "percent")
if percentage > 50 and percentage <= 100:  # expect: MNT207
    print("Well done")
if type(score) == int:  # expect: MNT602
    print("score is a whole number")
