# Threads share sys.stdout: a line one thread began without a newline is ended by the next
# thread that prints, as a spinner's status line is cleared and the answer written over it.
import itertools
import threading
import time


def spin(msg, shown, done):
    # Six frames, then it waits to be told to stop: as many frames in every run.
    for n, char in enumerate(itertools.cycle(r'\|/-')):
        status = f'\r{char} {msg}'
        print(status, end='', flush=True)
        if n == 5:
            shown.set()
            done.wait()
            break
        time.sleep(0.01)
    blanks = ' ' * len(status)
    print(f'\r{blanks}\r', end='')


def slow_function(shown):
    shown.wait()
    return 42


shown = threading.Event()
done = threading.Event()
spinner = threading.Thread(target=spin, args=('thinking!', shown, done))
spinner.start()
result = slow_function(shown)
done.set()
spinner.join()
print(f'Answer: {result}')

# Threads taking turns on one line, each printing its number without a newline.
turns = [threading.Event() for _ in range(5)]


def take_turn(n):
    turns[n].wait()
    print(n, end=' ')
    if n + 1 < len(turns):
        turns[n + 1].set()


workers = [threading.Thread(target=take_turn, args=(n,)) for n in range(5)]
for worker in workers:
    worker.start()
turns[0].set()
for worker in workers:
    worker.join()
print('<- in turn')

# A child process shares the terminal too: the parent ends the line the child began.
import multiprocessing


def child_status():
    print('\rchild working', end='', flush=True)
    print('\r             \r', end='')


child = multiprocessing.Process(target=child_status)
child.start()
child.join()
print('the parent ends the line')

# A thread's unfinished line is printed when the program exits.


def last_words():
    print('the last thread ends here, without a newline', end='')


threading.Thread(target=last_words).start()
