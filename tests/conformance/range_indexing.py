r = range(10**12)
print(r[5], r[-1], range(0, 20, 3)[-2])
try:
    r[10**12]
except IndexError as e:
    print(e)
