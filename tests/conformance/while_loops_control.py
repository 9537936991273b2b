# while loops with break, continue and else; nested loops with flags.
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    if n > 6:
        break
    print("even", n)
else:
    print("never printed")
attempts = 0
while attempts < 3:
    attempts += 1
else:
    print("gave up after", attempts)
found = None
for i in range(2, 20):
    for j in range(2, i):
        if i % j == 0:
            break
    else:
        if i > 10:
            found = i
            break
print("first prime over 10:", found)
