# Count words in a text file: nothing here should be flagged.
import string
import sys


def words_in(line):
    cleaned = line.lower().translate(str.maketrans("", "", string.punctuation))
    return cleaned.split()


def count_words(path):
    counts = {}
    with open(path, encoding="utf-8") as text:
        for line in text:
            for word in words_in(line):
                counts[word] = counts.get(word, 0) + 1
    return counts


def top(counts, n=10):
    ranked = sorted(counts.items(), key=lambda pair: pair[1], reverse=True)
    return ranked[:n]


def main(argv):
    if len(argv) < 2:
        print("usage: word_count.py FILE")
        return 1
    try:
        counts = count_words(argv[1])
    except FileNotFoundError:
        print("No such file:", argv[1])
        return 1
    for word, count in top(counts):
        print(f"{word:<15} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
