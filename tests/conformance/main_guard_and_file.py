print(__name__)
if __name__ == "__main__":
    print("main")
print(__file__.endswith(".py"))
