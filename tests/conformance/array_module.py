# The array module: numbers of one C type, checked as they go in, which threads sum in slices.
import array
import threading

readings = array.array("i", range(1, 100_001))
totals = []
totals_lock = threading.Lock()


def sum_slice(start):
    part = sum(readings[start:start + 25_000])
    with totals_lock:
        totals.append(part)


workers = [threading.Thread(target=sum_slice, args=(start,)) for start in range(0, 100_000, 25_000)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print(sorted(totals), sum(totals) == sum(range(1, 100_001)))

a = array.array('i', [1,2,3])
print(a, repr(array.array('d')), a.typecode, a.itemsize, array.typecodes, type(a), array.ArrayType)
for code, v in [('b', 200), ('B', -1), ('h', 70000), ('H', -1), ('i', 2**31), ('I', -1), ('l', 2**63), ('L', -1), ('q', 2**64), ('Q', -1), ('i', 1.5), ('d', 'x'), ('f', 'x'), ('b', -200), ('B', 300), ('h', -70000), ('H', 70000), ('i', -2**31-1), ('I', 2**32), ('l', -2**63-1), ('L', 2**64), ('q', -2**64), ('Q', 2**64)]:
    try: array.array(code, [v])
    except Exception as e: print(code, type(e).__name__, e)
for bad in ['z', 5, 'ii']:
    try: array.array(bad)
    except Exception as e: print(type(e).__name__, e)
print(a[1:], a[::-1], a + array.array('i', [4]), a * 2, 2 * a, sum(a), 2 in a, a == array.array('i', [1,2,3]), a == [1,2,3])
b = array.array('f', [0.1, 2])
print(b, b.tolist(), b[0])
a.append(4); a.extend([5, 6]); a.insert(0, 0); print(a, a.pop(), a.pop(0), a.index(3), a.count(2)); a.remove(2); a.reverse(); print(a)
for f in [lambda: a + array.array('d', [1.0]), lambda: a + [1], lambda: a[10], lambda: a.index(99), lambda: a.remove(99), lambda: a.extend(array.array('d')), lambda: array.array('i', 'abc'), lambda: array.array('i', b'abc')]:
    try: f()
    except Exception as e: print(type(e).__name__, e)
a[0] = 9; a[1:3] = array.array('i', [7, 7, 7]); print(a)
try: a[1:2] = [1]
except Exception as e: print(type(e).__name__, e)
del a[0]; print(a, len(a), list(a), a.tobytes()[:8], array.array('h', b'\x01\x00\x02\x00'))
c = array.array('i', [1]); c += array.array('i', [2]); c *= 2; print(c, str(c), bool(array.array('i')))
print(array.array('b', range(3)), array.array('d', (x/2 for x in range(3))))
try: array.array('i', [1]).pop(5)
except Exception as e: print(type(e).__name__, e)
try: array.array('i').pop()
except Exception as e: print(type(e).__name__, e)
try: a.extend([1.5])
except Exception as e: print(type(e).__name__, e)
x = array.array('i',[1]); x.fromlist([2,3]); x.frombytes(b'\x04\x00\x00\x00'); print(x, array.array('i', array.array('i', [5])))
try: hash(x)
except Exception as e: print(type(e).__name__, e)
y = array.array('d', [1.5, -2.25]); print(array.array('d', y.tobytes()), array.array('f', array.array('f', [0.1]).tobytes()))
print(array.array('B', [250, 1]).tobytes(), array.array('b', b'\xff\x01'), array.array('Q', [2**64-1]).tobytes())
z = array.array('i', range(10)); z[::2] = array.array('i', [0]*5); del z[1::3]; print(z)
print(isinstance(z, array.array), type(z) is array.array, type(z) == array.ArrayType, type(z))
