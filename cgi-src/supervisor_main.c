/* supervisor_main.c: open the FastCGI socket, start N workers on it (one per core by default)
 * and restart each one that dies, with a back-off per slot so a worker that cannot start does not
 * spin; it never gives up while asked to run. SIGTERM stops them all.
 * channel-supervisor --check-config [FILE]: only check the configuration (scripts/ctl.sh does first). */
#include <errno.h>
#include <fcgiapp.h>
#include <libgen.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"

#define MAX_WORKERS 64
#define FIRST_DELAY_MS 1000   /* after the second young death in a row */
#define MAX_DELAY_MS 30000    /* the back-off doubles up to this */
#define STABLE_MS 30000       /* a worker up this long was healthy: the back-off starts over */

typedef struct {
	pid_t pid;                /* 0 while waiting for DUE */
	long long started_ms, due_ms;
	int young_deaths;         /* in a row, each less than STABLE_MS after its start */
	long long delay_ms;       /* chosen at the last death */
} slot;

static slot slots[MAX_WORKERS];
static int nslots;
static sigset_t watched, unwatched;  /* SIGCHLD, SIGTERM, SIGINT: taken with sigtimedwait */
static const char *worker_path;
static int listen_fd;

static void on_child(int sig)
{
	(void)sig;  /* only so SIGCHLD is not ignored; sigtimedwait takes it */
}

static pid_t spawn(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &unwatched, NULL);
		signal(SIGCHLD, SIG_DFL);
		if (listen_fd != 0) {
			dup2(listen_fd, 0);
			close(listen_fd);
		}
		execl(worker_path, worker_path, (char *)NULL);
		fprintf(stderr, "supervisor: cannot start %s: %s\n", worker_path, strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "supervisor: cannot fork: %s\n", strerror(errno));
	return pid;
}

/* One death alone (a crash, a kill) is replaced at once; a worker that keeps dying young (it cannot start:
 * no database, a broken file) waits 1 s, 2 s, 4 s ... 30 s, so it neither spins nor gives up. */
static long long next_delay(slot *s, long long up_ms)
{
	s->young_deaths = up_ms >= STABLE_MS ? 0 : s->young_deaths + 1;
	if (s->young_deaths <= 1)
		return 0;
	long long d = FIRST_DELAY_MS;
	for (int i = 2; i < s->young_deaths && d < MAX_DELAY_MS; i++)
		d *= 2;
	return d < MAX_DELAY_MS ? d : MAX_DELAY_MS;
}

static void start_slot(slot *s, long long now)
{
	pid_t pid = spawn();
	if (pid < 0) {  /* out of processes: try again later, like a worker that died at start */
		s->delay_ms = next_delay(s, 0);
		s->due_ms = now + (s->delay_ms ? s->delay_ms : FIRST_DELAY_MS);
		return;
	}
	s->pid = pid;
	s->started_ms = now;
}

static void describe_death(int status, char *out, size_t cap)
{
	if (WIFSIGNALED(status))
		snprintf(out, cap, "was killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(out, cap, "exited with status %d", WEXITSTATUS(status));
}

/* Worker PID died: schedule its slot's next start; it starts in start_due_slots, so no slot waits for another. */
static void worker_died(pid_t pid, int status, long long now)
{
	for (int i = 0; i < nslots; i++) {
		slot *s = &slots[i];
		if (s->pid != pid)
			continue;
		long long up = now - s->started_ms;
		s->pid = 0;
		s->delay_ms = next_delay(s, up);
		s->due_ms = now + s->delay_ms;
		char how[96];
		describe_death(status, how, sizeof how);
		char when[32] = "at once";
		if (s->delay_ms)
			snprintf(when, sizeof when, "in %.0f s", (double)s->delay_ms / 1000);
		fprintf(stderr, "supervisor: worker %d (slot %d) %s after %.1f s; starting another %s\n",
			(int)pid, i, how, (double)up / 1000, when);
		return;
	}
}

static void reap(void)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		worker_died(pid, status, monotonic_ms());
}

/* Start every slot whose time has come; the milliseconds until the next one is due, or -1 for none. */
static long long start_due_slots(void)
{
	long long now = monotonic_ms(), wait = -1;
	for (int i = 0; i < nslots; i++) {
		slot *s = &slots[i];
		if (s->pid)
			continue;
		if (s->due_ms <= now) {
			bool again = s->started_ms != 0;  /* the first start of each slot is announced once, in main */
			start_slot(s, now);
			if (s->pid && again)
				fprintf(stderr, "supervisor: worker %d started in slot %d\n", (int)s->pid, i);
		}
		if (!s->pid && (wait < 0 || s->due_ms - now < wait))
			wait = s->due_ms - now;
	}
	return wait;
}

/* Until SIGTERM/SIGINT: reap, restart what is due, sleep until the next signal or due restart. */
static void supervise(void)
{
	for (;;) {
		reap();
		long long wait = start_due_slots();
		struct timespec t = { (time_t)(wait / 1000), (long)(wait % 1000) * 1000000 };
		siginfo_t si;
		int sig = wait >= 0 ? sigtimedwait(&watched, &si, &t) : sigwaitinfo(&watched, &si);
		if (sig == SIGTERM || sig == SIGINT)
			return;
	}
}

static void stop_workers(void)
{
	for (int i = 0; i < nslots; i++)
		if (slots[i].pid > 0)
			kill(slots[i].pid, SIGTERM);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
}

static int check_config(const char *path)
{
	config cfg;
	if (config_load(&cfg, path) != 0)
		return 1;
	printf("config: %s is valid\n", path ? path : getenv("CHANNEL_CONF") ? getenv("CHANNEL_CONF") : "channel.conf");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--check-config"))
		return check_config(argc > 2 ? argv[2] : NULL);
	config cfg;
	if (config_load(&cfg, NULL) != 0)
		return 1;
	char worker[1024];
	const char *sock = cfg.fcgi_socket;
	if (argc > 1) {
		snprintf(worker, sizeof worker, "%s", argv[1]);
	} else {
		char self[1024];
		snprintf(self, sizeof self, "%s", argv[0]);
		snprintf(worker, sizeof worker, "%s/channel-worker", dirname(self));
	}
	worker_path = worker;
	nslots = cfg.workers > 0 ? cfg.workers : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (nslots < 1)
		nslots = 1;
	if (nslots > MAX_WORKERS)
		nslots = MAX_WORKERS;

	unlink(sock);
	mode_t old = umask(077);  /* only our own user (and nginx running as it) may connect */
	listen_fd = FCGX_OpenSocket(sock, 128);
	umask(old);
	if (listen_fd < 0) {
		fprintf(stderr, "supervisor: cannot listen on %s\n", sock);
		return 1;
	}
	struct sigaction sa = { 0 };
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&watched);
	sigaddset(&watched, SIGCHLD);
	sigaddset(&watched, SIGTERM);
	sigaddset(&watched, SIGINT);
	sigprocmask(SIG_BLOCK, &watched, &unwatched);

	fprintf(stderr, "supervisor: %d workers on %s\n", nslots, sock);
	supervise();
	stop_workers();
	close(listen_fd);
	unlink(sock);
	return 0;
}
