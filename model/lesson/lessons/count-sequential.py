# count-sequential: awaiting each count() in turn runs them one after another.
import asyncio

from say import run, say  # say(text) prints the loop time, the task's name and text


async def count():
    say("One")
    await asyncio.sleep(1)
    say("Two")


async def main():
    # Awaiting a coroutine runs it in the awaiting task (main), to the end.
    await count()
    await count()
    await count()


run(main)
