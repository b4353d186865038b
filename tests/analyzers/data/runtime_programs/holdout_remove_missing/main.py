todo = ["wash", "cook"]
done = "shop"
todo.remove(done)
