def show(message):
    print(message)

show(text="hi")
