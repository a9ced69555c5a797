# primitives: Queue, Event, Semaphore, Lock, Condition and Barrier in one coffee shop.
import asyncio

from say import run, say  # say(text) prints the loop time, the task's name and text

orders = asyncio.Queue()          # orders: customers put, baristas get
shop_opens = asyncio.Event()      # shop opens: customers wait at the door
machines = asyncio.Semaphore(2)   # machines: two espresso machines
milk_steamer = asyncio.Lock()     # milk steamer: one at a time
pickup_counter = asyncio.Condition()  # pickup counter: wait for your own drink
group_order = asyncio.Barrier(3)  # group order: the friends leave together
on_counter = set()

DRINKS = {"ann": ("latte", 1.0, 1.0), "bob": ("cappuccino", 1.2, 0.5), "cat": ("flat white", 0.8, 0.4)}


async def barista():
    while True:
        name = await orders.get()
        drink, shot, milk = DRINKS[name]
        if machines.locked():
            say("all machines busy: waiting")
        async with machines:
            say(f"pulling a shot for {name} ({shot} s)")
            await asyncio.sleep(shot)
        if milk_steamer.locked():
            say("milk steamer in use: waiting")
        async with milk_steamer:
            say(f"steaming milk for {name} ({milk} s)")
            await asyncio.sleep(milk)
        async with pickup_counter:
            on_counter.add(name)
            say(f"{name}'s {drink} is on the counter")
            pickup_counter.notify_all()


async def customer(name):
    await shop_opens.wait()
    say(f"orders a {DRINKS[name][0]}")
    await orders.put(name)
    async with pickup_counter:
        await pickup_counter.wait_for(lambda: name in on_counter)
        on_counter.remove(name)
    say(f"got my {DRINKS[name][0]}")
    i = await group_order.wait()
    say(f"leaving with the group (ready {i + 1} of 3)")


async def main():
    baristas = [asyncio.create_task(barista(), name=f"barista-{i}") for i in (1, 2, 3)]
    customers = [asyncio.create_task(customer(n), name=n) for n in DRINKS]
    await asyncio.sleep(1)
    say("the shop opens")
    shop_opens.set()
    await asyncio.gather(*customers)
    say("closing: the baristas go home")
    for b in baristas:
        b.cancel()
    await asyncio.wait(baristas)


run(main)
