# A deque with maxlen keeps the last readings for a moving average.
from collections import deque

window = deque(maxlen=3)
for reading in [10, 20, 30, 40, 50]:
    window.append(reading)
    print(list(window), sum(window) / len(window))
window.appendleft(0)
print(window, window.popleft(), window.pop(), len(window))
d = deque(range(5))
d.rotate(2)
print(d)
