import asyncio, sys
sys.path.insert(0, '/tmp/vt')
from vt import VTLoop, say
async def job(n, d, fail=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        say(n, "cancelled"); raise
    if fail: raise ValueError(n)
    say(n, "done"); return n
async def main():
    inner = asyncio.create_task(job("inner", 1))
    async def sh():
        try:
            await asyncio.shield(inner)
        except asyncio.CancelledError:
            say("sh", "cancelled")
    s = asyncio.create_task(sh())
    await asyncio.sleep(0.5); s.cancel()
    await inner
    say("main", "inner finished")
    a = asyncio.create_task(job("a", 1)); b = asyncio.create_task(job("b", 2, True)); c = asyncio.create_task(job("c", 3))
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    say("main", f"first: done {len(done)} pending {len(pending)}")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    say("main", f"exc: done {len(done)} pending {len(pending)}")
    done, pending = await asyncio.wait([a, b, c], timeout=0.5)
    say("main", f"timeout: done {len(done)} pending {len(pending)}")
    done, pending = await asyncio.wait([a, b, c])
    say("main", f"all: done {len(done)} pending {len(pending)}")
    ts = [asyncio.create_task(job(f"x{i}", d)) for i, d in enumerate([3, 1, 2])]
    async for t in asyncio.as_completed(ts):
        say("main", f"completed {await t}")
    ts = [asyncio.create_task(job(f"y{i}", d)) for i, d in enumerate([3, 1, 2])]
    try:
        async for t in asyncio.as_completed(ts, timeout=1.5):
            say("main", f"completed {await t}")
    except TimeoutError:
        say("main", "as_completed timeout")
    q = asyncio.PriorityQueue()
    for p in [3, 1, 2, 1, 5]:
        q.put_nowait(p)
    out = []
    while not q.empty(): out.append(q.get_nowait())
    say("main", f"prio {out}")
    q = asyncio.Queue()
    async def worker(n):
        while True:
            v = await q.get()
            await asyncio.sleep(v)
            say(n, f"did {v}")
            q.task_done()
    ws = [asyncio.create_task(worker(f"wk{i}")) for i in range(2)]
    for v in [1, 2, 1]:
        q.put_nowait(v)
    await q.join()
    say("main", "joined")
    b = asyncio.Barrier(2)
    async def party(n, d):
        await asyncio.sleep(d)
        i = await b.wait()
        say(n, f"index {i}")
    await asyncio.gather(party("p0", 1), party("p1", 2), party("p2", 3), party("p3", 3))
    async def bg(n):
        try:
            while True:
                await asyncio.sleep(0.3); say(n, "tick")
        except asyncio.CancelledError:
            say(n, "cancelled at shutdown"); raise
    asyncio.create_task(bg("bg"))
    await asyncio.sleep(1)
    say("main", "bye")
asyncio.run(main(), loop_factory=VTLoop)
