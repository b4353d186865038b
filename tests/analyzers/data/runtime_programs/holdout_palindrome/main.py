def is_palindrome(word):
    for i in range(len(word)):
        if word[i] != word[len(word) - i]:
            return False
    return True

print(is_palindrome("abba"))
