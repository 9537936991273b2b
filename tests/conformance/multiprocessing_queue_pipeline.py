# Producer and consumer processes hand orders over a multiprocessing.Queue; a None ends it.
import multiprocessing
import queue


def produce(orders, count):
    for number in range(1, count + 1):
        orders.put({"order": number, "items": [number] * number})
    orders.put(None)


def consume(orders, results):
    handled = 0
    total = 0
    while True:
        order = orders.get()
        if order is None:
            break
        handled += 1
        total += sum(order["items"])
    results.put((handled, total))


if __name__ == "__main__":
    orders = multiprocessing.Queue()
    results = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(orders, 5))
    consumer = multiprocessing.Process(target=consume, args=(orders, results))
    producer.start()
    consumer.start()
    handled, total = results.get()
    producer.join()
    consumer.join()
    print(f"handled {handled} orders, {total} items")
    print("queue empty:", orders.empty())
    try:
        orders.get(timeout=0.05)
    except queue.Empty:
        print("nothing left after the timeout")
    bounded = multiprocessing.Queue(maxsize=1)
    bounded.put("first")
    try:
        bounded.put_nowait("second")
    except queue.Full:
        print("bounded queue is full")
    print("got", bounded.get())
    print(producer.exitcode, consumer.exitcode)
