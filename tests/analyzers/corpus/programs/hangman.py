# Hangman, written carefully: nothing here should be flagged.
import random

WORDS = ["python", "loop", "variable", "function"]


def choose_word(words):
    return random.choice(words)


def masked(word, guessed):
    shown = [letter if letter in guessed else "_" for letter in word]
    return " ".join(shown)


def play(word, lives=6):
    guessed = set()
    while lives > 0:
        print(masked(word, guessed), "lives:", lives)
        guess = input("Letter: ").strip().lower()
        if len(guess) != 1 or not guess.isalpha():
            print("One letter, please")
            continue
        if guess in guessed:
            print("Already tried")
            continue
        guessed.add(guess)
        if guess not in word:
            lives -= 1
        if all(letter in guessed for letter in word):
            print("You win! The word was", word)
            return True
    print("You lose. The word was", word)
    return False


if __name__ == "__main__":
    play(choose_word(WORDS))
