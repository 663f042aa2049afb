#!/usr/bin/env python3
# blackhole.py SOCKET DIR: a TCP front on 127.0.0.1 for the PostgreSQL test cluster's Unix socket,
# that can turn into a database host that accepts connections and never answers (tests/pg/reconnect).
# Writes its port to DIR/port, then reads DIR/mode every 20 ms:
#   pass  every connection is relayed to SOCKET (the start);
#   hang  the relayed connections are cut, and a new one is accepted and left without a word (as a
#         host whose database hangs would); each is logged to DIR/events as "open N TIME";
#   pass  again: the hanging connections are closed ("dropped N") and new ones relayed.
import os, select, socket, sys, threading, time

sock_path, d = sys.argv[1], sys.argv[2]
lock = threading.Lock()
relayed, hung = [], {}
mode = "pass"
count = 0


def event(line):
    with open(os.path.join(d, "events"), "a") as f:
        f.write("%s %.3f\n" % (line, time.time()))


def relay(a, b):
    try:
        while True:
            r, _, _ = select.select([a, b], [], [])
            for s in r:
                data = s.recv(65536)
                if not data:
                    raise OSError
                (b if s is a else a).sendall(data)
    except OSError:
        pass
    for s in (a, b):
        try:
            s.close()
        except OSError:
            pass


def control():
    global mode
    while True:
        try:
            m = open(os.path.join(d, "mode")).read().strip()
        except OSError:
            m = "pass"
        if m != mode:
            with lock:
                mode = m
                if m == "hang":
                    for a, b in relayed:
                        for s in (a, b):
                            try:
                                s.shutdown(socket.SHUT_RDWR)
                            except OSError:
                                pass
                    relayed.clear()
                    event("cut")
                else:
                    for n, c in list(hung.items()):
                        c.close()
                        event("dropped %d" % n)
                    hung.clear()
        time.sleep(0.02)


srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(64)
threading.Thread(target=control, daemon=True).start()
with open(os.path.join(d, "port.tmp"), "w") as f:
    f.write(str(srv.getsockname()[1]))
os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
while True:
    c, _ = srv.accept()
    with lock:
        m = mode
        count += 1
        n = count
    if m == "hang":
        with lock:
            hung[n] = c
        event("open %d" % n)
        continue
    u = socket.socket(socket.AF_UNIX)
    try:
        u.connect(sock_path)
    except OSError:
        c.close()
        continue
    with lock:
        relayed.append((c, u))
    threading.Thread(target=relay, args=(c, u), daemon=True).start()
