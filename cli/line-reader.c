/* SPDX-License-Identifier: MIT */
#include "line-reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void line_reader_init(line_reader *lr, FILE *fp)
{
    memset(lr, 0, sizeof *lr);
    lr->fp = fp;
}

static size_t strip_line_break(char *s, size_t len)
{
    if (len && s[len - 1] == '\n')
        len--;
    if (len && s[len - 1] == '\r')
        len--;
    return len;
}

static int next_replayed_line(line_reader *lr, const char **line, size_t *len)
{
    const char *start = lr->replay.data + lr->replay_pos;
    const char *nl = memchr(start, '\n', lr->replay.len - lr->replay_pos);
    size_t n = nl ? (size_t)(nl - start) : lr->replay.len - lr->replay_pos;
    if (lr->line_cap < n + 1) {
        lr->line = xrealloc(lr->line, n + 1);
        lr->line_cap = n + 1;
    }
    memcpy(lr->line, start, n);
    lr->line[n] = '\0';
    lr->replay_pos += n + (nl ? 1 : 0);
    if (lr->replay_pos >= lr->replay.len) {
        buf_clear(&lr->replay);
        lr->replay_pos = 0;
    }
    lr->line_no++;
    *line = lr->line;
    *len = n;
    return 1;
}

int line_reader_next(line_reader *lr, const char **line, size_t *len)
{
    if (lr->replay.len > lr->replay_pos)
        return next_replayed_line(lr, line, len);
    errno = 0;
    ssize_t n = getline(&lr->line, &lr->line_cap, lr->fp);
    if (n < 0) {
        if (ferror(lr->fp)) {
            lr->error = errno ? errno : EIO;
            return -1;
        }
        if (errno == ENOMEM)
            cli_out_of_memory();
        return 0;
    }
    lr->bytes_read += (uint64_t)n;
    lr->line_no++;
    size_t l = strip_line_break(lr->line, (size_t)n);
    if (lr->line_no == 1 && l >= 3 && memcmp(lr->line, "\xEF\xBB\xBF", 3) == 0) {
        memmove(lr->line, lr->line + 3, l - 3);
        l -= 3;
    }
    lr->line[l] = '\0';
    *line = lr->line;
    *len = l;
    return 1;
}

void line_reader_push_back(line_reader *lr, const char *data, size_t len, uint64_t first_line_no)
{
    /* Unread replay data stays after the new lines. */
    buf rest = {0};
    if (lr->replay.len > lr->replay_pos)
        buf_append(&rest, lr->replay.data + lr->replay_pos, lr->replay.len - lr->replay_pos);
    buf_clear(&lr->replay);
    buf_append(&lr->replay, data, len);
    if (rest.len)
        buf_append(&lr->replay, rest.data, rest.len);
    buf_free(&rest);
    lr->replay_pos = 0;
    lr->line_no = first_line_no - 1;
}

void line_reader_free(line_reader *lr)
{
    free(lr->line);
    buf_free(&lr->replay);
    lr->line = NULL;
    lr->line_cap = 0;
}
