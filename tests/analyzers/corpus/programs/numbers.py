# Number exercises, saved as numbers.py: like the standard numbers module.  # expect: MNT903
def is_prime(n):
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True


def fibonacci(n):
    if n <= 1:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)


def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a


def digit_sum(number):
    total = 0
    for digit in str(abs(number)):
        total += int(digit)
    return total


def primes_below(limit):
    found = []
    for candidate in range(2, limit):
        if is_prime(candidate):
            found.append(candidate)
    return found


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def binary(n):
    digits = []
    while n > 0:
        digits.append(str(n % 2))
        n //= 2
    return "".join(reversed(digits)) or "0"


print(primes_below(30))
print([fibonacci(i) for i in range(10)])
print(gcd(48, 18), digit_sum(-123), collatz_steps(27), binary(10))
