# int.to_bytes and int.from_bytes round trips (a wire format's length prefix, a checksum),
# bit_length and bit_count, and the exact ratios of ints and floats.
import hashlib
import threading

for number in [0, 1, 255, 256, 65535, 2**63, 2**100]:
    size = max(1, (number.bit_length() + 7) // 8)
    big = number.to_bytes(size, "big")
    little = number.to_bytes(size, byteorder="little")
    print(number, size, big.hex(), little.hex(), int.from_bytes(big, "big"), int.from_bytes(little, "little"))

for number in [-1, -128, -129, 127, 128, -(2**70)]:
    data = number.to_bytes(10, "big", signed=True)
    print(number, data.hex(), int.from_bytes(data, "big", signed=True), int.from_bytes(data, "big"))

print((1024).to_bytes(4), (7).to_bytes(), int.from_bytes(b"\x00\x10"), int.from_bytes([1, 2, 3], "little"))
print((0).to_bytes(0), int.from_bytes(b""), int.from_bytes(b"\xff\xff", "big", signed=True))
print(True.bit_length(), (-37).bit_length(), (0).bit_length(), (2**126).bit_length())
print((255).bit_count(), (-7).bit_count(), (5).as_integer_ratio(), (12).numerator, (12).denominator)
for number in [0.5, 0.1, -2.75, 3.0, 1e20, 2.0**-100, 1.5e-300 * 0]:
    print(number, number.as_integer_ratio(), number.is_integer())

# Threads frame messages with a 4-byte length prefix; the reader takes them apart.
frames = []
lock = threading.Lock()


def send(name, count):
    for n in range(count):
        body = f"{name}:{n}".encode()
        with lock:
            frames.append(len(body).to_bytes(4, "big") + body)


threads = [threading.Thread(target=send, args=(f"t{i}", 3)) for i in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
stream = b"".join(frames)
messages = []
while stream:
    size = int.from_bytes(stream[:4], "big")
    messages.append(stream[4 : 4 + size].decode())
    stream = stream[4 + size :]
print(sorted(messages))
digest = hashlib.sha256(b"threadplay").digest()
print(int.from_bytes(digest[:8], "big") % 1000, digest[:4].hex())

for attempt in [
    lambda: (256).to_bytes(1, "big"),
    lambda: (-1).to_bytes(2, "big"),
    lambda: (128).to_bytes(1, "big", signed=True),
    lambda: (1).to_bytes(-1, "big"),
    lambda: (1).to_bytes(2, "middle"),
    lambda: int.from_bytes([256]),
    lambda: float("inf").as_integer_ratio(),
    lambda: float("nan").as_integer_ratio(),
]:
    try:
        print(attempt())
    except (OverflowError, ValueError) as error:
        print(type(error).__name__, error)
