# A crawler in a TaskGroup with Semaphore(2): page "c" raises while "d" and "e" still wait for a
# permit; the group cancels them in acquire() and the running ones in their sleep; afterwards the
# semaphore is whole again and only the pages fetched before the failure are kept.
import asyncio

import vtloop as vt

pages = {}


async def fetch(url, secs, sem):
    async with sem:
        vt.say(url, f"fetching, locked={sem.locked()}")
        await asyncio.sleep(secs)
        if url == "c":
            raise ConnectionError(f"{url} reset")
        pages[url] = secs
        vt.say(url, "saved")


async def main():
    sem = asyncio.Semaphore(2)
    try:
        async with asyncio.TaskGroup() as tg:
            for url, secs in (("a", 0.1), ("b", 0.3), ("c", 0.2), ("d", 0.1), ("e", 0.1)):
                tg.create_task(fetch(url, secs, sem))
    except* ConnectionError as eg:
        vt.say("main", f"failed: {[vt.err(e) for e in eg.exceptions]}")
    vt.say("main", f"pages={sorted(pages)} locked={sem.locked()} value={sem._value} t={vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
