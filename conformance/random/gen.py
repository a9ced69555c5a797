"""Random asyncio programs for the differential test (random_test.go): each is a list of tasks,
each a list of operations on one Queue(2), Lock, Semaphore(2), Event, Condition, Barrier(3) and
a virtual executor of 2 workers, plus sleeps, blocking calls, cancels, wait_for, timeout(),
shield, gather and child tasks. Usage: python3 gen.py FIRST_SEED END_SEED > programs.json"""
import json, random, sys
def gen(seed):
    r = random.Random(seed)
    n = r.randint(2, 8)
    tasks = []
    for i in range(n):
        ops = []
        for _ in range(r.randint(1, 10)):
            k = r.choice(["sleep", "sleep", "put", "get", "lock", "sem", "set", "clear", "wait", "cancel", "waitfor_get", "waitfor_wait", "yield",
                          "block", "exec", "cancelmsg", "spawnwait", "gatherkids", "cwait", "cnotify", "barrier", "shield", "timeout_sleep",
                          "tg", "waitfirst", "uncancel"])
            d = r.choice([0, 0.1, 0.2, 0.3, 0.5, 1, 0.7, 0.15, 1.3, 0.05, 2.5])
            if k in ("cancel", "cancelmsg"):
                ops.append([k, r.randrange(n)])
            elif k in ("sleep", "lock", "sem", "waitfor_get", "waitfor_wait", "block", "exec", "spawnwait", "gatherkids", "shield", "timeout_sleep", "tg", "waitfirst"):
                ops.append([k, d])
            elif k == "put":
                ops.append([k, r.randint(0, 9)])
            else:
                ops.append([k])
        tasks.append(ops)
    return tasks
progs = [gen(s) for s in range(int(sys.argv[1]), int(sys.argv[2]))]
json.dump(progs, sys.stdout)
