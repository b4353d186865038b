# A to-do list saved to a JSON file. Nothing here should be flagged.
import json
from pathlib import Path


class Task:
    def __init__(self, title, done=False):
        self.title = title
        self.done = done

    def __str__(self):
        mark = "x" if self.done else " "
        return f"[{mark}] {self.title}"

    def to_dict(self):
        return {"title": self.title, "done": self.done}


class TodoList:
    def __init__(self, path):
        self.path = Path(path)
        self.tasks = []

    def load(self):
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as stream:
            for item in json.load(stream):
                self.tasks.append(Task(item["title"], item["done"]))

    def save(self):
        with open(self.path, "w", encoding="utf-8") as stream:
            json.dump([task.to_dict() for task in self.tasks], stream)

    def add(self, title):
        self.tasks.append(Task(title))

    def finish(self, number):
        if 0 <= number < len(self.tasks):
            self.tasks[number].done = True

    def remove_done(self):
        self.tasks = [task for task in self.tasks if not task.done]

    def show(self):
        for number, task in enumerate(self.tasks):
            print(number, task)


todo = TodoList("todo.json")
todo.load()
while True:
    action = input("add / done / clean / show / quit: ")
    if action == "quit":
        todo.save()
        break
    if action == "add":
        todo.add(input("Task: "))
    elif action == "done":
        todo.finish(int(input("Number: ")))
    elif action == "clean":
        todo.remove_done()
    elif action == "show":
        todo.show()
