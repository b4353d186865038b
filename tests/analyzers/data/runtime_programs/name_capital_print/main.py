def greet(name):
    return "Hello " + name

Print(greet("Ana"))
