# A process asks who started it: multiprocessing.parent_process() in a child and a grandchild.
import multiprocessing as mp
def grandchild():
    parent = mp.parent_process()
    print("grandchild's parent:", parent.name, parent.is_alive())
def child():
    parent = mp.parent_process()
    print(parent, parent.name, type(parent.pid), mp.current_process().name)
    p = mp.Process(target=grandchild, name="Worker")
    p.start()
    p.join()
if __name__ == "__main__":
    print(mp.parent_process())
    p = mp.Process(target=child)
    p.start()
    p.join()
