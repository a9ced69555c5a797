# shield around a commit step: the request handler is cancelled by its wait_for deadline while the
# commit (which takes a Lock and sleeps) is in flight; the commit finishes and a second handler's
# commit, queued on the Lock, ends exactly at that handler's deadline.
import asyncio

import vtloop as vt

db = []


async def commit(lock, row):
    async with lock:
        await asyncio.sleep(0.3)
        db.append(row)
        vt.say("commit", f"{row} written")
    return row


async def handler(name, lock, commits):
    await asyncio.sleep(0.1)
    c = asyncio.create_task(commit(lock, name))
    commits.append(c)
    try:
        await asyncio.shield(c)
        vt.say(name, "committed")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, commit done={c.done()}")
        raise


async def main():
    lock, commits = asyncio.Lock(), []
    for name, limit in (("r1", 0.2), ("r2", 0.5)):
        try:
            await asyncio.wait_for(handler(name, lock, commits), limit)
        except TimeoutError:
            vt.say("main", f"{name} timed out")
    vt.say("main", f"db={db} t={vt.now()}")
    await asyncio.gather(*commits)
    vt.say("main", f"db={db} t={vt.now()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
