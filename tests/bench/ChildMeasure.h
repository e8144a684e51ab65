#pragma once

#include <functional>
#include <sys/resource.h>
#include <sys/wait.h>
#include <type_traits>
#include <unistd.h>

namespace tollgate::bench {

// Runs `work` in a forked child so the peak RSS measured is the work's own. The child fills a
// trivially copyable figures struct, which comes back through a pipe; `peakRssKb` gets the child's
// peak resident set. On a failed fork or pipe the default figures come back.
template <typename Figures> Figures measureInChild(const std::function<void(Figures&)>& work, long& peakRssKb)
{
    static_assert(std::is_trivially_copyable_v<Figures>, "figures travel through a pipe");
    peakRssKb = 0;
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    const pid_t pid = fork();
    if (pid < 0)
        return {};
    if (pid == 0) {
        close(fds[0]);
        Figures f;
        work(f);
        (void)!write(fds[1], &f, sizeof f);
        _exit(0);
    }
    close(fds[1]);
    Figures f;
    if (read(fds[0], &f, sizeof f) != static_cast<ssize_t>(sizeof f))
        f = Figures();
    close(fds[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    peakRssKb = ru.ru_maxrss;
    return f;
}

} // namespace tollgate::bench
