# Class 4: a self-cancelled task gets CancelledError at the first await that suspends: full put,
# empty get, Semaphore, Event, Barrier, Lock, an executor job (which then never runs), to_thread;
# a get that does not suspend lets it through to the next sleep(0).
import asyncio

import vtloop as vt


async def selfcancel(name, coro_fn):
    asyncio.current_task().cancel()
    try:
        await coro_fn()
        vt.say(name, "no cancel at the await")
        await asyncio.sleep(0)
        vt.say(name, "not reached")
    except asyncio.CancelledError:
        vt.say(name, "cancelled")


async def main():
    loop = asyncio.get_running_loop()
    full = asyncio.Queue(maxsize=1)
    full.put_nowait(0)
    empty, sem, ev = asyncio.Queue(), asyncio.Semaphore(0), asyncio.Event()
    b, lock = asyncio.Barrier(2), asyncio.Lock()
    await lock.acquire()
    pool = vt.Executor(1)
    busy = loop.run_in_executor(pool, vt.job(1, "busy"))
    ts = [asyncio.create_task(selfcancel("put", lambda: full.put(1))),
          asyncio.create_task(selfcancel("get", empty.get)),
          asyncio.create_task(selfcancel("sem", sem.acquire)),
          asyncio.create_task(selfcancel("ev", ev.wait)),
          asyncio.create_task(selfcancel("barrier", b.wait)),
          asyncio.create_task(selfcancel("lock", lock.acquire)),
          asyncio.create_task(selfcancel("job", lambda: loop.run_in_executor(pool, vt.job(1, "q")))),
          asyncio.create_task(selfcancel("thread", lambda: asyncio.to_thread(vt.job(0.5, "t")))),
          asyncio.create_task(selfcancel("getok", full.get))]
    await asyncio.gather(*ts)
    vt.say("main", f"full={full.qsize()} sem.locked={sem.locked()} n_waiting={b.n_waiting} lock={lock.locked()}")
    vt.say("main", f"{await busy}")
    await asyncio.sleep(2)
    vt.say("main", "end")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
