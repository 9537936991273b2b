# An instance's __dict__ and vars(): its own attributes in the order they were set, not its
# class's; a worker thread's results read back through them.
import threading


class Job:
    retries = 3

    def __init__(self, name):
        self.name = name
        self.status = "new"

    def run(self):
        self.status = "done"
        self.result = len(self.name) * 10


jobs = [Job(name) for name in ("fetch", "parse", "store")]
print(jobs[0].__dict__)
threads = [threading.Thread(target=job.run) for job in jobs]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for job in jobs:
    print(job.__dict__, "retries" in job.__dict__)
print(vars(jobs[1]) == jobs[1].__dict__, sorted(vars(jobs[2])))
print({key: value for key, value in jobs[2].__dict__.items() if key != "name"})
