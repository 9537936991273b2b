# string.Template: worker threads fill in report lines from a shared template, with $name,
# ${name}, $$, keywords over a mapping, safe_substitute, and the errors substitute raises.
import threading
from string import Template

line = Template("worker $name done ${count} jobs in ${seconds}s ($$${cost})")
print(line.template)
print(type(line).__name__, type(line))

results = {}
lock = threading.Lock()


def worker(number):
    text = line.substitute(name=f"w{number}", count=number * 3, seconds=0.5 * number, cost=2)
    with lock:
        results[number] = text


threads = [threading.Thread(target=worker, args=(n,)) for n in range(1, 4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for number in sorted(results):
    print(results[number])

defaults = {"name": "main", "count": 0, "seconds": 0, "cost": 0}
print(line.substitute(defaults))
print(line.substitute(defaults, name="override"))
print(line.safe_substitute(name="partial"))
print(Template("$who likes ${what}, $ alone, ${oops").safe_substitute(who="Ann"))


class Job:
    def __str__(self):
        return "Job#7"


print(Template("running $job and $jobs").substitute(job=Job(), jobs=[1, 2]))
print(Template("$x$y_z ${x}y").substitute(x=1, y_z=2))
print(Template("no placeholders, only $$").substitute())

for template, values in [
    ("hello $missing", {}),
    ("cost: $5", {}),
    ("line one\nline two $ here", {}),
    ("tab\there ${unclosed", {"unclosed": 1}),
]:
    try:
        print(Template(template).substitute(values))
    except (KeyError, ValueError) as error:
        print(type(error).__name__, error)
try:
    line.substitute({}, {})
except TypeError as error:
    print("TypeError:", error)
