# How many ways can a scheduler pick and order workers? math.comb and math.perm, with
# threading's limits beside them.
import math
import threading

workers = 6
for chosen in range(0, 8, 2):
    print(f"{chosen} of {workers}: {math.comb(workers, chosen)} sets, {math.perm(workers, chosen)} orders")
print("all orders:", math.perm(workers), math.factorial(workers))
print("big:", math.comb(60, 30), math.perm(25, 10))
for bad in [(-1, 2), (3, -2)]:
    try:
        math.comb(*bad)
    except ValueError as error:
        print("ValueError:", error)
try:
    math.perm(4.0, 2)
except TypeError as error:
    print("TypeError:", error)
print("longest wait:", threading.TIMEOUT_MAX > 10**9, "stack size:", threading.stack_size())
