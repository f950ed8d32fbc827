// errno.c: functions that fail the POSIX way (return -1 and set errno), for errno capture tests.

#include <errno.h>
#include <fcntl.h>

// Sets errno to code and returns -1, like a failing system call.
int fail_with(int code)
{
    errno = code;
    return -1;
}

// Opens path read-only through libc; -1 and errno (ENOENT for a missing file) on failure.
int open_read(const char* path)
{
    return open(path, O_RDONLY);
}
