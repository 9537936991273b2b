# A thread catches its own error and reports it; the main thread decides after join.
import threading

class Job(threading.Thread):
    def __init__(self, n):
        super().__init__(name=f"job-{n}")
        self.n = n
        self.error = None
        self.result = None

    def run(self):
        try:
            if self.n == 3:
                raise ValueError(f"cannot handle {self.n}")
            self.result = 100 // self.n
        except (ValueError, ZeroDivisionError) as error:
            self.error = error

jobs = [Job(n) for n in range(5)]
for job in jobs:
    job.start()
for job in jobs:
    job.join()
for job in jobs:
    status = f"error {type(job.error).__name__}: {job.error}" if job.error else f"result {job.result}"
    print(job.name, status)
