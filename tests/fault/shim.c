/* shim: disk faults on command, for tests only (LD_PRELOAD=build/fault-shim.so). It wraps
 * write, pwrite, pwrite64, writev, pwritev, fsync and fdatasync; while the control file names a
 * fault, the calls on a regular file whose path starts with HEARTH_FAULT_PATH fail without
 * touching the file, as a full or failing disk would answer:
 *
 *   HEARTH_FAULT_CTL=FILE   the control file, read at each call: absent or empty means no fault;
 *                           "ENOSPC write" fails the writes with ENOSPC (disk full), "EIO fsync"
 *                           fails fsync and fdatasync with EIO, "EIO all" both with EIO.
 *   HEARTH_FAULT_PATH=PFX   only files whose path starts with PFX (the database: its -wal and
 *                           -journal, its .audit-head); sockets, pipes and other files never fail.
 *
 * A test switches the fault on and off while the server runs by writing or removing the control
 * file. Each switch on is written once to stderr ("fault shim: ..."), with the first call it failed.
 * Under AddressSanitizer (which wants to come first) run with ASAN_OPTIONS=verify_asan_link_order=0. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

enum { F_WRITE = 1, F_SYNC = 2 };

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static ssize_t (*real_pwritev)(int, const struct iovec *, int, off_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);

static void *next(const char *name)
{
    void *p = dlsym(RTLD_NEXT, name);
    if (!p)
        abort();
    return p;
}

__attribute__((constructor)) static void shim_init(void)
{
    real_write = next("write");
    real_pwrite = next("pwrite");
    real_pwrite64 = next("pwrite64");
    real_writev = next("writev");
    real_pwritev = next("pwritev");
    real_fsync = next("fsync");
    real_fdatasync = next("fdatasync");
}

static void say(const char *fmt, ...)
{
    char b[600];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n > 0 && real_write)
        (void)!real_write(2, b, (size_t)n < sizeof b ? (size_t)n : sizeof b - 1);
}

/* The fault now in force: which calls (F_*) and the errno, from the control file. */
static int fault_now(int *err)
{
    const char *ctl = getenv("HEARTH_FAULT_CTL");
    if (!ctl || !*ctl)
        return 0;
    int fd = open(ctl, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char b[64];
    ssize_t n = read(fd, b, sizeof b - 1);
    close(fd);
    if (n <= 0)
        return 0;
    b[n] = 0;
    *err = strncmp(b, "ENOSPC", 6) == 0 ? ENOSPC : strncmp(b, "EIO", 3) == 0 ? EIO : 0;
    if (!*err)
        return 0;
    return strstr(b, "all") ? F_WRITE | F_SYNC : strstr(b, "fsync") ? F_SYNC : strstr(b, "write") ? F_WRITE : 0;
}

/* Whether this call on fd fails; sets errno when it does. */
static int fails(int fd, int kind, const char *call)
{
    static __thread int inside; /* our own open/read must not come back here */
    static int announced;        /* the fault last announced (0: none) */
    if (inside || !real_write)
        return 0;
    inside = 1;
    int err = 0, on = fault_now(&err);
    int hit = 0;
    if (on & kind) {
        struct stat st;
        const char *pfx = getenv("HEARTH_FAULT_PATH");
        char link[64], path[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = pfx && *pfx && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? readlink(link, path, sizeof path - 1) : -1;
        if (n > 0) {
            path[n] = 0;
            hit = strncmp(path, pfx, strlen(pfx)) == 0;
        }
        if (hit && __atomic_exchange_n(&announced, on * 1000 + err, __ATOMIC_RELAXED) != on * 1000 + err)
            say("fault shim: %s on %s fails with %s\n", call, path, err == ENOSPC ? "ENOSPC" : "EIO");
    } else if (!on) {
        __atomic_store_n(&announced, 0, __ATOMIC_RELAXED);
    }
    inside = 0;
    if (hit)
        errno = err;
    return hit;
}

ssize_t write(int fd, const void *p, size_t n)
{
    if (fails(fd, F_WRITE, "write"))
        return -1;
    return real_write(fd, p, n);
}
ssize_t pwrite(int fd, const void *p, size_t n, off_t off)
{
    if (fails(fd, F_WRITE, "pwrite"))
        return -1;
    return real_pwrite(fd, p, n, off);
}
ssize_t pwrite64(int fd, const void *p, size_t n, off64_t off)
{
    if (fails(fd, F_WRITE, "pwrite64"))
        return -1;
    return real_pwrite64(fd, p, n, off);
}
ssize_t writev(int fd, const struct iovec *v, int n)
{
    if (fails(fd, F_WRITE, "writev"))
        return -1;
    return real_writev(fd, v, n);
}
ssize_t pwritev(int fd, const struct iovec *v, int n, off_t off)
{
    if (fails(fd, F_WRITE, "pwritev"))
        return -1;
    return real_pwritev(fd, v, n, off);
}
int fsync(int fd)
{
    if (fails(fd, F_SYNC, "fsync"))
        return -1;
    return real_fsync(fd);
}
int fdatasync(int fd)
{
    if (fails(fd, F_SYNC, "fdatasync"))
        return -1;
    return real_fdatasync(fd);
}
