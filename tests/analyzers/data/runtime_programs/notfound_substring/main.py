email = "someone.example.com"
at = email.index("@")
