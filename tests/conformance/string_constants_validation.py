# Checking and making text with the string module's constants, in worker threads.
import random
import string
import threading

passwords = ["hunter2", "Tr0ub4dor&3", "correcthorsebattery", "P@ssw0rd!", "12345678"]
verdicts = {}
lock = threading.Lock()


def classify(password):
    kinds = [
        any(ch in string.ascii_lowercase for ch in password),
        any(ch in string.ascii_uppercase for ch in password),
        any(ch in string.digits for ch in password),
        any(ch in string.punctuation for ch in password),
    ]
    strength = sum(kinds) + (len(password) >= 10)
    with lock:
        verdicts[password] = strength


workers = [threading.Thread(target=classify, args=(p,)) for p in passwords]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()

for password in passwords:
    print(f"{password:<20} {'*' * verdicts[password]}")

random.seed(2024)
alphabet = string.ascii_letters + string.digits
tokens = ["".join(random.choice(alphabet) for _ in range(8)) for _ in range(3)]
print(tokens)
print(all(ch in string.hexdigits for ch in "c0ffee"), repr(string.whitespace))
print(len(string.printable), string.octdigits)
