stack = [1, 2]
stack.pop()
stack.pop()
stack.pop()
