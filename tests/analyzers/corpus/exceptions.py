# Catching errors: bare except, and silencing everything.
def read_age():
    try:
        return int(input("Age? "))
    except:  # expect: MNT501
        return 0


def divide(a, b):
    try:
        return a / b
    except:  # expect: MNT501
        print("Something went wrong")
        return None


try:
    value = int(input("Number: "))
except:  # expect: MNT501
    value = 0

try:
    value = int(input("Again: "))
except Exception:  # expect: MNT502
    pass

for line in ["1", "x", "3"]:
    try:
        print(int(line))
    except BaseException:  # expect: MNT502
        continue

try:
    result = 10 / value
except (ValueError, Exception):  # expect: MNT502
    ...

try:
    import json
except Exception:  # expect: MNT502
    pass

# Near misses.
try:
    value = int(input("Once more: "))
except ValueError:
    value = 0

try:
    value = int(input("Last time: "))
except ValueError:
    pass

try:
    result = 10 / value
except ZeroDivisionError as error:
    print("cannot divide:", error)

try:
    result = 10 / value
except Exception as error:
    print("unexpected:", error)

try:
    result = 10 / value
except:
    print("cleaning up")
    raise

try:
    import tomllib
except Exception:
    pass  # older Python: no TOML support, and that is fine

print(read_age(), divide(1, 2), value, result)
