# shutdown(immediate=True) of a full queue with three blocked putters, one woken by get_nowait
# and one cancelled in the same step, and a joiner; then of an empty queue with two getters, one
# of them woken by a put first. Class 11, API.
import asyncio

import vtloop as vt


async def use(name, op):
    try:
        vt.say(name, f"-> {await op()}")
    except (asyncio.QueueShutDown, asyncio.CancelledError) as e:
        vt.say(name, f"{vt.err(e)}")


def spawn(name, op):
    return asyncio.create_task(use(name, op), name=name)


async def main():
    q = asyncio.Queue(2)
    list(map(q.put_nowait, "ab"))
    ps = [spawn(f"p{i}", lambda i=i: q.put(f"x{i}")) for i in range(3)]
    j = spawn("joiner", q.join)
    await asyncio.sleep(1)
    vt.say("main", f"get_nowait -> {q.get_nowait()}")
    q.task_done()
    ps[1].cancel()
    q.shutdown(immediate=True)
    vt.say("main", f"qsize={q.qsize()} empty={q.empty()}")
    await asyncio.gather(*ps, j)
    q2 = asyncio.Queue()
    gs = [spawn(f"g{i}", q2.get) for i in range(2)]
    await asyncio.sleep(1)
    q2.put_nowait("y")
    q2.shutdown(immediate=True)
    vt.say("main", f"q2 qsize={q2.qsize()}")
    await asyncio.gather(*gs)
    try:
        q2.task_done()
    except ValueError as e:
        vt.say("main", f"{vt.err(e)}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
