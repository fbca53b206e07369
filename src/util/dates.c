/* dates.c: calendar days as numbers (days since 1970-01-01), their
 * YYYY-MM-DD text, and today (which TPTRIAGE_TODAY can fake for tests). */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tp_date_text(long day, char out[11])
{
    day += 719468;
    long era = (day >= 0 ? day : day - 146096) / 146097;
    long doe = day - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    int yy = (int)((y + (m <= 2)) % 10000), mm = (int)m % 100, dd = (int)d % 100;
    snprintf(out, 11, "%04d-%02d-%02d", yy < 0 ? 0 : yy, mm < 0 ? 0 : mm, dd < 0 ? 0 : dd);
}

long tp_date_parse(const char *text)
{
    int y, m, d, n = 0;
    if (!text || sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || text[n] ||
        y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    long day = days_from_civil(y, m, d);
    char back[11];
    tp_date_text(day, back);
    return strcmp(back, text) == 0 ? day : -1; /* 2026-02-30 is no date */
}

long tp_date_today(void)
{
    long fake = tp_date_parse(getenv("TPTRIAGE_TODAY"));
    if (fake >= 0)
        return fake;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}
