# A task cancelled while it holds a lock (async with) releases it on the way out; the first
# waiter gets it; a waiter cancelled in the same step never takes it.
import asyncio

import vtloop as vt


async def user(name, lock, hold):
    try:
        async with lock:
            vt.say(name, "has the lock")
            await asyncio.sleep(hold)
        vt.say(name, "done")
    except asyncio.CancelledError:
        vt.say(name, f"cancelled, locked={lock.locked()}")


async def main():
    lock = asyncio.Lock()
    us = [asyncio.create_task(user(f"u{i}", lock, 1)) for i in range(4)]
    await asyncio.sleep(0.5)
    us[0].cancel()
    us[1].cancel()
    vt.say("main", "cancelled the holder and the first waiter")
    await asyncio.sleep(0)
    vt.say("main", f"locked={lock.locked()}")
    await asyncio.gather(*us)
    vt.say("main", f"locked={lock.locked()}")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
