# blocking: time.sleep() in a coroutine stops the whole loop; the clock ticks late.
import asyncio
import time

from say import now, run, say  # say(text) prints the loop time, the task's name and text


async def clock():
    for i in range(1, 5):
        due = now() + 1
        await asyncio.sleep(1)
        late = max(now() - due, 0)
        say(f"tick {i}: due at {due:.1f} s, {late:.1f} s late")


async def barista():
    await asyncio.sleep(0.5)
    say("brewing with time.sleep(3): the whole loop stops")
    time.sleep(3)  # a blocking call: no other task runs, no timer fires
    say("coffee ready")


async def main():
    await asyncio.gather(
        asyncio.create_task(clock(), name="clock"),
        asyncio.create_task(barista(), name="barista"),
    )


run(main)
