/* test_pool.c: the worker pool and its frames (src/util/pool.c): frames
 * read back what was written, a frame not yet all there is not read, and
 * every worker's bytes reach the parent over its own socket. */
#include "testutil.h"

#include "pool.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

START_TEST(job_frames_round_trip)
{
    tp_buf b = {0};
    tp_job_frame a = {3, 17, 2, "{\"id\":\"x\"}", 10}, e = {1, 0, 0, "", 0}, f;
    tp_job_frame_put(&b, &a);
    tp_job_frame_put(&b, &e);
    size_t n = tp_job_frame_get(b.data, b.len, &f);
    ck_assert_uint_eq(n, 4 + 9 + 10);
    ck_assert_int_eq(f.type, 3);
    ck_assert_uint_eq(f.line, 17);
    ck_assert_uint_eq(f.src, 2);
    ck_assert_uint_eq(f.len, 10);
    ck_assert(memcmp(f.payload, a.payload, 10) == 0);
    size_t m = tp_job_frame_get(b.data + n, b.len - n, &f);
    ck_assert_uint_eq(m, 4 + 9);
    ck_assert_int_eq(f.type, 1);
    ck_assert_uint_eq(f.len, 0);
    ck_assert_uint_eq(n + m, b.len);
    for (size_t cut = 0; cut < n; cut++) /* a frame cut short is not read */
        ck_assert_uint_eq(tp_job_frame_get(b.data, cut, &f), 0);
    tp_buf_free(&b);
}
END_TEST

START_TEST(result_frames_round_trip)
{
    tp_buf b = {0};
    tp_result_frame a = {255, "out\n", 4, "err", 3, "s", 1}, f;
    tp_result_frame_put(&b, &a);
    size_t n = tp_result_frame_get(b.data, b.len, &f);
    ck_assert_uint_eq(n, b.len);
    ck_assert_int_eq(f.status, 255);
    ck_assert(f.olen == 4 && memcmp(f.out, "out\n", 4) == 0);
    ck_assert(f.elen == 3 && memcmp(f.err, "err", 3) == 0);
    ck_assert(f.slen == 1 && f.sum[0] == 's');
    ck_assert_uint_eq(tp_result_frame_get(b.data, b.len - 1, &f), 0);
    tp_buf_free(&b);
}
END_TEST

static void say_who(void *ud, int k, int n, int fd)
{
    char line[64];
    int len = snprintf(line, sizeof line, "%s %d of %d\n", (const char *)ud, k, n);
    tp_fd_write_all(fd, line, (size_t)len);
}

START_TEST(workers_reach_the_parent)
{
    tp_pool_worker w[4];
    tp_error err = {{0}};
    ck_assert_int_eq(tp_pool_start(w, 4, say_who, "worker", &err), 4);
    for (int k = 0; k < 4; k++) {
        tp_buf b = {0};
        tp_fd_read_all(w[k].fd, &b); /* ends: no later worker kept this socket open */
        close(w[k].fd);
        char want[64];
        snprintf(want, sizeof want, "worker %d of 4\n", k);
        ck_assert_str_eq(b.data, want);
        int status = tp_pool_wait(w[k].pid);
        ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        tp_buf_free(&b);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pool");
    TCase *t = tcase_create("pool");
    tcase_add_test(t, job_frames_round_trip);
    tcase_add_test(t, result_frames_round_trip);
    tcase_add_test(t, workers_reach_the_parent);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
