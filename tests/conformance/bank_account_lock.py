# Deposits from several threads into one account, protected by a lock.
import threading

class Account:
    def __init__(self, balance=0):
        self.balance = balance
        self._lock = threading.Lock()

    def deposit(self, amount):
        with self._lock:
            current = self.balance
            current += amount
            self.balance = current

    def withdraw(self, amount):
        with self._lock:
            if amount > self.balance:
                raise ValueError(f"insufficient funds: {self.balance} < {amount}")
            self.balance -= amount

account = Account(100)
threads = [threading.Thread(target=lambda: [account.deposit(1) for _ in range(500)]) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("balance:", account.balance)
try:
    account.withdraw(10_000)
except ValueError as error:
    print("refused:", error)
account.withdraw(2100)
print("after withdrawal:", account.balance)
