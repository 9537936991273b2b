# A condition's default lock is an RLock: a method holding it may call another that takes it
# again, and a wait gives up every level and takes them all back.
import re
import threading


class Account:
    def __init__(self):
        self.balance = 0
        self.changed = threading.Condition()

    def deposit(self, amount):
        with self.changed:
            self.balance += amount
            self.report("deposit", amount)
            self.changed.notify_all()

    def report(self, what, amount):
        with self.changed:  # taken a second time by the same thread
            print(f"{what} {amount}: balance {self.balance}")

    def withdraw(self, amount):
        with self.changed:
            with self.changed:
                while self.balance < amount:
                    self.changed.wait()
                self.balance -= amount
                self.report("withdraw", amount)
            print("still holds it once:", self.changed._is_owned())
        print("holds it after both blocks:", self.changed._is_owned())


account = Account()
taker = threading.Thread(target=account.withdraw, args=(30,))
taker.start()
for amount in (10, 10, 10):
    account.deposit(amount)
taker.join()
print("final balance:", account.balance)

condition = threading.Condition()
condition.acquire()
condition.acquire()
condition.release()
condition.release()
try:
    condition.release()
except RuntimeError as error:
    print("third release:", error)
try:
    condition.wait(0.01)
except RuntimeError as error:
    print("wait without it:", error)
print(re.sub(r"0x[0-9a-f]+", "0x...", repr(condition)))
print(re.sub(r"0x[0-9a-f]+", "0x...", repr(threading.Condition(threading.Lock()))))
plain = threading.Condition(threading.Lock())
with plain:
    print("a Lock's condition, owned:", plain._is_owned())
print("and after:", plain._is_owned())
