# Workers that put their item back when cancelled (put_nowait in except, task_done in finally):
# main cancels both workers at 0.4, the instant their second items finish sleeping; a fresh
# worker then drains the queue and join() returns.
import asyncio

import vtloop as vt


async def worker(name, q, done):
    while True:
        item = await q.get()
        try:
            await asyncio.sleep(0.2)
            done.append(item)
            vt.say(name, f"finished {item}")
        except asyncio.CancelledError:
            q.put_nowait(item)
            vt.say(name, f"requeued {item}, qsize={q.qsize()}")
            raise
        finally:
            q.task_done()


async def main():
    q, done = asyncio.Queue(), []
    for i in range(5):
        q.put_nowait(f"i{i}")
    ws = [asyncio.create_task(worker(f"w{n}", q, done)) for n in range(2)]
    await asyncio.sleep(0.4)
    for w in ws:
        w.cancel()
    vt.say("main", f"cancelled workers, done={done}")
    await asyncio.sleep(0)
    last = asyncio.create_task(worker("w2", q, done))
    await q.join()
    vt.say("main", f"joined, done={done} t={vt.now()}")
    last.cancel()
    await asyncio.gather(*ws, last, return_exceptions=True)


asyncio.run(main(), loop_factory=vt.VirtualLoop)
