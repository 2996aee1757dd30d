/* supervisor_main.c: open the FastCGI socket, start N workers on it (one per core by default)
 * and start a new one whenever one dies; SIGTERM stops them all */
#include <errno.h>
#include <fcgiapp.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"

#define MAX_WORKERS 64

static volatile sig_atomic_t stopping;
static pid_t pids[MAX_WORKERS];
static time_t started[MAX_WORKERS];

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static pid_t spawn(const char *worker, int listen_fd)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (listen_fd != 0) {
			dup2(listen_fd, 0);
			close(listen_fd);
		}
		signal(SIGTERM, SIG_DFL);
		execl(worker, worker, (char *)NULL);
		fprintf(stderr, "supervisor: cannot start %s: %s\n", worker, strerror(errno));
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	config cfg;
	if (config_load(&cfg, NULL) != 0)
		return 1;
	char worker[1024], sock[600];
	if (argc > 1) {
		snprintf(worker, sizeof worker, "%s", argv[1]);
	} else {
		char self[1024];
		snprintf(self, sizeof self, "%s", argv[0]);
		snprintf(worker, sizeof worker, "%s/channel-worker", dirname(self));
	}
	snprintf(sock, sizeof sock, "%s/run/fcgi.sock", cfg.var_dir);
	int n = cfg.workers > 0 ? cfg.workers : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > MAX_WORKERS)
		n = MAX_WORKERS;

	unlink(sock);
	mode_t old = umask(077);  /* only our own user (and nginx running as it) may connect */
	int fd = FCGX_OpenSocket(sock, 128);
	umask(old);
	if (fd < 0) {
		fprintf(stderr, "supervisor: cannot listen on %s\n", sock);
		return 1;
	}
	struct sigaction sa = { 0 };
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	for (int i = 0; i < n; i++) {
		pids[i] = spawn(worker, fd);
		started[i] = time(NULL);
	}
	fprintf(stderr, "supervisor: %d workers on %s\n", n, sock);
	int quick_deaths = 0;
	while (!stopping) {
		int status;
		pid_t dead = waitpid(-1, &status, 0);
		if (dead < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < n; i++) {
			if (pids[i] != dead)
				continue;
			if (stopping)
				break;
			fprintf(stderr, "supervisor: worker %d %s %d; starting another\n", (int)dead,
				WIFSIGNALED(status) ? "killed by signal" : "exited with",
				WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			/* a worker that cannot even start (bad template, no database) must not spin */
			if (time(NULL) - started[i] < 2) {
				if (++quick_deaths >= 5) {
					fprintf(stderr, "supervisor: workers keep failing at start; giving up\n");
					stopping = 1;
					break;
				}
				sleep(1);
			} else {
				quick_deaths = 0;
			}
			pids[i] = spawn(worker, fd);
			started[i] = time(NULL);
		}
	}
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	close(fd);
	unlink(sock);
	return 0;
}
