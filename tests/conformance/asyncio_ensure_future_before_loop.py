# Python 3.6's style: futures, tasks and callbacks set up before the loop runs, then
# run_forever until a callback stops it.
import asyncio

loop = asyncio.get_event_loop()
ready = asyncio.Future()
results = []


async def brew(kind, seconds):
    await asyncio.sleep(seconds)
    results.append(kind)
    if len(results) == 2:
        ready.set_result(results)
    return kind


def announce(future):
    print("both brewed:", future.result())
    loop.stop()


tea = asyncio.ensure_future(brew("tea", 0.02))
coffee = asyncio.ensure_future(brew("coffee", 0.01))
print("tasks made:", type(tea).__name__, tea.done(), coffee.done())
ready.add_done_callback(announce)
try:
    loop.run_forever()
finally:
    print("tea:", tea.result(), "coffee:", coffee.result())
    later = asyncio.ensure_future(brew("cocoa", 0.01))
    print("cocoa:", loop.run_until_complete(later))
    loop.close()
print("closed:", loop.is_closed())
