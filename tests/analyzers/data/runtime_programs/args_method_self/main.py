class Dog:
    def bark():
        print("Woof")


c = Dog()
c.bark()
