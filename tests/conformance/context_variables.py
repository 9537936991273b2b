# contextvars: a request id each asyncio task sees its own of, set in the task and read deep in
# the calls it makes; threads start with no value, and to_thread carries the caller's.
import asyncio
import contextvars
import threading

request_id = contextvars.ContextVar("request_id", default="none")
user = contextvars.ContextVar("user")


def log(message):
    print(f"[{request_id.get()}] {message}")


async def handle(number):
    request_id.set(f"req-{number}")
    # Far apart: a slow page (WebKit under load) took over 0.1 s for a to_thread round trip.
    await asyncio.sleep(0.3 * (3 - number))
    log(f"handled by task {number}")
    log(await asyncio.to_thread(lambda: f"in a thread, seen as {request_id.get()}"))
    return request_id.get()


async def main():
    request_id.set("main")
    results = await asyncio.gather(*(handle(n) for n in range(3)))
    log(f"results {results}")


asyncio.run(main())
log("after the loop")

token = request_id.set("outer")
log("set")
request_id.reset(token)
log("reset")
print(user.get("no user"), user.name, request_id.name)
try:
    user.get()
except LookupError:
    print("LookupError for a variable without a value or a default")

seen = []
thread = threading.Thread(target=lambda: seen.append(request_id.get()))
request_id.set("main thread")
thread.start()
thread.join()
print("a new thread sees", seen)

context = contextvars.copy_context()
print(request_id in context, context[request_id], context.get(user, "default"), len(context))


def change():
    request_id.set("inside run")
    return request_id.get()


print(context.run(change), request_id.get(), context[request_id])
try:
    request_id.reset(token)
except RuntimeError:
    print("RuntimeError: a token is used once")
other = request_id.set("again")
try:
    user.reset(other)
except ValueError:
    print("ValueError: a token of another variable")
