def average(nums):
    return sum(nums) / len(nums)

evens = [n for n in [1, 3, 5] if n % 2 == 0]
print(average(evens))
