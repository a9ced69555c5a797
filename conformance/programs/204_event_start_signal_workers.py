# An Event as a start signal: five workers wait for "go"; main sets it and clears it in the same
# step (they all still start), then workers wait for a second signal that main sets when a late
# worker arrives at the same instant; a worker arriving while the event is set does not wait.
import asyncio

import vtloop as vt


async def worker(name, go, again, secs):
    await go.wait()
    vt.say(name, f"started, go set={go.is_set()}")
    await asyncio.sleep(secs)
    vt.say(name, "first lap")
    await again.wait()
    vt.say(name, "second lap")


async def main():
    go, again = asyncio.Event(), asyncio.Event()
    ws = [asyncio.create_task(worker(f"w{i}", go, again, 0.1 * (i % 2 + 1))) for i in range(5)]
    await asyncio.sleep(0.1)
    go.set()
    go.clear()
    vt.say("main", "go pulsed")
    await asyncio.sleep(0.2)
    again.set()
    late = asyncio.create_task(worker("late", again, again, 0))
    vt.say("main", "again set")
    await asyncio.gather(*ws, late)
    vt.say("main", "all laps done")


asyncio.run(main(), loop_factory=vt.VirtualLoop)
