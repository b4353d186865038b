queue = ["a", "b"]
for i in range(3):
    print(queue.pop(0))
