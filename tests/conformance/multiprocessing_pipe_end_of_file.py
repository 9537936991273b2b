# Pipes between processes end with EOFError once every handle on the sending end is closed:
# by close(), or by the exit of a process that held one. A child gets one handle on each end
# its parent had, however many of its names refer to it.
import multiprocessing


def produce(connection, items):
    for item in items:
        connection.send(item)
    print("producer sent", len(items), "items and exits without closing")


def relay(pipe_in, outbox):
    writer, inbox = pipe_in
    writer.close()
    total = 0
    while True:
        try:
            item = inbox.recv()
        except EOFError:
            print("relay: end of input after", total)
            break
        total += item
        outbox.send(item * 10)


if __name__ == "__main__":
    pipe_a = multiprocessing.Pipe()
    pipe_b = multiprocessing.Pipe()
    producer = multiprocessing.Process(target=produce, args=(pipe_a[0], [1, 2, 3]))
    producer.start()
    relayer = multiprocessing.Process(target=relay, args=(pipe_a, pipe_b[0]))
    relayer.start()
    pipe_a[0].close()
    pipe_b[0].close()
    producer.join()
    received = []
    while True:
        try:
            received.append(pipe_b[1].recv())
        except EOFError:
            print("main: end of input")
            break
    relayer.join()
    print("received", received, "exit codes", producer.exitcode, relayer.exitcode)
    reader, writer = multiprocessing.Pipe(duplex=False)
    writer.send("last")
    writer.close()
    print(reader.recv(), reader.poll())
    try:
        reader.recv()
    except EOFError:
        print("EOFError once the writer is closed")
