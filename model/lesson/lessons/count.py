# count: three count() coroutines gathered run concurrently on one loop.
import asyncio

from say import run, say  # say(text) prints the loop time, the task's name and text


async def count():
    say("One")
    await asyncio.sleep(1)
    say("Two")


async def main():
    # gather(count(), count(), count()) wraps each coroutine in a task, in
    # argument order; we create the tasks ourselves only to name them.
    await asyncio.gather(
        asyncio.create_task(count(), name="count-1"),
        asyncio.create_task(count(), name="count-2"),
        asyncio.create_task(count(), name="count-3"),
    )


run(main)
