import asyncio, sys
sys.path.insert(0, '/tmp/vt')
from vt import VTLoop, say
async def main():
    lock = asyncio.Lock()
    async def user(n, d):
        try:
            async with lock:
                say(n, "locked"); await asyncio.sleep(d)
            say(n, "released")
        except asyncio.CancelledError:
            say(n, "cancelled")
    await lock.acquire()
    ts = [asyncio.create_task(user(f"u{i}", 1)) for i in range(3)]
    await asyncio.sleep(0)
    lock.release(); ts[0].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    say("main", "lock done")
    # condition notify passing
    cond = asyncio.Condition()
    async def cw(n):
        async with cond:
            try:
                await cond.wait(); say(n, "notified")
            except asyncio.CancelledError:
                say(n, "cancelled in wait")
    cs = [asyncio.create_task(cw(f"c{i}")) for i in range(3)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        cs[0].cancel()
    await asyncio.sleep(0.1)
    say("main", f"waiting {len(cond._waiters)}")
    async with cond:
        cond.notify_all()
    await asyncio.gather(*cs, return_exceptions=True)
    # taskgroup
    async def child(n, d, fail=False):
        try:
            await asyncio.sleep(d)
            if fail: raise ValueError(n)
            say(n, "done")
        except asyncio.CancelledError:
            say(n, "cancelled"); raise
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(child("k1", 1)); g.create_task(child("k2", 0.5, True)); g.create_task(child("k3", 2))
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                say("main", f"body cancelled, cancelling={asyncio.current_task().cancelling()}"); raise
    except* ValueError as eg:
        say("main", f"group error {len(eg.exceptions)} cancelling={asyncio.current_task().cancelling()}")
    # wait_for exactly at the deadline
    async def job(d, r):
        await asyncio.sleep(d); return r
    try:
        r = await asyncio.wait_for(job(1, "x"), 1); say("main", f"wf {r}")
    except TimeoutError:
        say("main", "wf timeout")
    t = asyncio.create_task(job(1, "y"))
    try:
        r = await asyncio.wait_for(t, 1); say("main", f"wf task {r}")
    except TimeoutError:
        say("main", f"wf task timeout {t.cancelled()}")
    try:
        r = await asyncio.wait_for(job(0, "z"), 0); say("main", f"wf0 {r}")
    except TimeoutError:
        say("main", "wf0 timeout")
    # gather whose caller is cancelled
    async def gcaller():
        try:
            await asyncio.gather(job(1, 1), job(2, 2))
        except asyncio.CancelledError:
            say("gcaller", "cancelled"); raise
    gt = asyncio.create_task(gcaller())
    await asyncio.sleep(0.5); gt.cancel()
    try: await gt
    except asyncio.CancelledError: say("main", "gt cancelled")
asyncio.run(main(), loop_factory=VTLoop)
