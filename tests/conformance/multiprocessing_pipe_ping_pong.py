# Two processes play ping-pong over a Pipe; the child answers until it receives "stop".
import multiprocessing


def player(conn):
    while True:
        message = conn.recv()
        if message == "stop":
            conn.send("bye")
            break
        word, count = message
        conn.send(("pong", count + 1))
    conn.close()


if __name__ == "__main__":
    here, there = multiprocessing.Pipe()
    child = multiprocessing.Process(target=player, args=(there,))
    child.start()
    count = 0
    for _ in range(3):
        here.send(("ping", count))
        word, count = here.recv()
        print(f"{word} {count}")
    here.send("stop")
    print(here.recv())
    child.join()
    print("anything more?", here.poll())

    reader, writer = multiprocessing.Pipe(duplex=False)
    data = [1, 2, 3]
    writer.send(data)
    data.append(4)
    print("received", reader.recv(), "sent list is now", data)
    writer.close()
    try:
        reader.recv()
    except EOFError:
        print("writer closed: EOFError")
    try:
        writer.send("late")
    except OSError as error:
        print("OSError:", error)
