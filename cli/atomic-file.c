/* SPDX-License-Identifier: MIT */
#include "atomic-file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REGISTRY_SIZE 8

/* Read from a signal handler: only pointers published before use. */
static char *volatile registry[REGISTRY_SIZE];
static mode_t creation_mode = 0644;

static void remove_registered_files(void)
{
    for (int i = 0; i < REGISTRY_SIZE; i++) {
        char *path = registry[i];
        if (path)
            unlink(path);
    }
}

static void on_fatal_signal(int sig)
{
    remove_registered_files();
    signal(sig, SIG_DFL);
    raise(sig);
}

void atomic_files_init(void)
{
    /* Renamed files get the mode a plain fopen() would have given them. */
    mode_t mask = umask(0);
    umask(mask);
    creation_mode = 0666 & ~mask;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* A closed pipe is an output error to report, not a silent death. */
    signal(SIGPIPE, SIG_IGN);
    atexit(remove_registered_files);
}

static int register_path(char *path)
{
    for (int i = 0; i < REGISTRY_SIZE; i++) {
        if (!registry[i]) {
            registry[i] = path;
            return i;
        }
    }
    return -1;
}

static void unregister(atomic_file *f)
{
    if (f->slot >= 0)
        registry[f->slot] = NULL;
    f->slot = -1;
}

static char *temporary_name_beside(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dir_len;
    buf name = {0};
    buf_append(&name, path, dir_len);
    buf_printf(&name, ".%s.tmp-XXXXXX", base);
    return name.data;
}

static void release_paths(atomic_file *f, bool remove_temporary)
{
    if (remove_temporary && f->tmp_path)
        unlink(f->tmp_path);
    unregister(f);
    free(f->tmp_path);
    free(f->final_path);
    f->tmp_path = f->final_path = NULL;
}

bool atomic_file_open(atomic_file *f, const char *path, buf *err)
{
    memset(f, 0, sizeof *f);
    f->slot = -1;
    if (strcmp(path, "-") == 0) {
        f->fp = stdout;
        return true;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* Renaming over /dev/null or a FIFO would replace it: write to it in place. */
        f->fp = fopen(path, "wb");
        if (!f->fp) {
            buf_printf(err, "%s: %s", path, strerror(errno));
            return false;
        }
        f->direct = true;
        return true;
    }
    f->final_path = xstrdup(path);
    f->tmp_path = temporary_name_beside(path);
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        buf_printf(err, "%s: cannot create a temporary file beside it: %s", path,
                   strerror(errno));
        free(f->final_path);
        free(f->tmp_path);
        f->final_path = f->tmp_path = NULL;
        return false;
    }
    f->slot = register_path(f->tmp_path);
    f->fp = fdopen(fd, "wb");
    if (!f->fp) {
        buf_printf(err, "%s: %s", path, strerror(errno));
        close(fd);
        release_paths(f, true);
        return false;
    }
    return true;
}

bool atomic_file_is_open(const atomic_file *f)
{
    return f->fp != NULL;
}

bool atomic_file_write(atomic_file *f, const void *data, size_t len)
{
    if (f->write_errno)
        return false;
    if (len && fwrite(data, 1, len, f->fp) != len) {
        f->write_errno = errno ? errno : EIO;
        return false;
    }
    return true;
}

static const char *display_name(const atomic_file *f)
{
    return f->final_path ? f->final_path : "<stdout>";
}

static int finish_stream(atomic_file *f)
{
    if (f->write_errno)
        return f->write_errno;
    if (fflush(f->fp) != 0)
        return errno ? errno : EIO;
    if (!f->final_path)
        return 0;
    if (fsync(fileno(f->fp)) != 0 && errno != EINVAL)
        return errno;
    if (fchmod(fileno(f->fp), creation_mode) != 0)
        return errno;
    return 0;
}

bool atomic_file_commit(atomic_file *f, buf *err)
{
    int e = finish_stream(f);
    if (e) {
        buf_printf(err, "%s: write error: %s", display_name(f), strerror(e));
        atomic_file_abort(f);
        return false;
    }
    FILE *fp = f->fp;
    f->fp = NULL;
    if (f->direct)
        return fclose(fp) == 0;
    if (!f->final_path)
        return true;
    bool ok = fclose(fp) == 0 && rename(f->tmp_path, f->final_path) == 0;
    if (!ok)
        buf_printf(err, "%s: cannot write: %s", f->final_path, strerror(errno));
    release_paths(f, !ok);
    return ok;
}

void atomic_file_abort(atomic_file *f)
{
    if (f->fp && (f->final_path || f->direct))
        fclose(f->fp);
    else if (f->fp)
        fflush(f->fp);
    f->fp = NULL;
    release_paths(f, true);
}
