todo = []
todo.append("a")
todo.pop()
next_task = todo.pop()
