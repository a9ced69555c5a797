# Barrier(2): a party in wait_for(barrier.wait(), 1) and the second party arriving at exactly 1 s,
# its timer pushed after the deadline's (the barrier fills too late? or first?), then before it.
# Classes 8, 6, 1.
import asyncio

import vtloop as vt


async def party(name, b, delay, patience):
    await asyncio.sleep(delay)
    try:
        if patience is None:
            i = await b.wait()
        else:
            i = await asyncio.wait_for(b.wait(), patience)
        vt.say(name, f"passed with index {i}")
    except (TimeoutError, asyncio.BrokenBarrierError) as e:
        vt.say(name, f"{vt.err(e)}; n_waiting={b.n_waiting} broken={b.broken}")


async def main():
    b = asyncio.Barrier(2)
    patient = asyncio.create_task(party("patient", b, 0, 1), name="patient")
    await asyncio.sleep(0)
    late = asyncio.create_task(party("late", b, 1, 5), name="late")
    await asyncio.gather(patient, late)
    vt.say("main", f"round 1 over: n_waiting={b.n_waiting}")
    late2 = asyncio.create_task(party("late2", b, 1, None), name="late2")
    await asyncio.sleep(0)
    patient2 = asyncio.create_task(party("patient2", b, 0, 1), name="patient2")
    await asyncio.wait([patient2, late2], timeout=3)
    vt.say("main", f"round 2: n_waiting={b.n_waiting}")
    b2 = asyncio.Barrier(2)
    helper = asyncio.create_task(party("helper", b2, 0.5, None), name="helper")
    await party("main", b2, 0, 0.5)
    await helper


asyncio.run(main(), loop_factory=vt.VirtualLoop)
