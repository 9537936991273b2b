# A daemon thread does not keep the program alive; a Timer runs once after its delay.
import threading
import time

fired = []

def background():
    while True:
        time.sleep(0.01)

daemon = threading.Thread(target=background, daemon=True)
daemon.start()
print("daemon:", daemon.daemon, daemon.is_alive())
timer = threading.Timer(0.02, lambda: fired.append("tick"))
timer.start()
timer.join()
cancelled = threading.Timer(5, lambda: fired.append("never"))
cancelled.start()
cancelled.cancel()
print("fired:", fired)
print("main ends with", threading.active_count() >= 2, "threads")
