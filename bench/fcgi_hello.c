/* fcgi_hello.c: the FastCGI ceiling for bench/run: the least a libfcgi worker can do for a request (accept it,
 * answer a fixed 200 page) with the same socket, backlog and process model as channel-supervisor, so that the
 * benchmark can say how far each Channel Center page is from what nginx + libfcgi allow on this machine.
 * usage: fcgi-hello SOCKET_PATH PROCESSES (runs until SIGTERM, which stops every process) */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PROCESSES 64

static const char page[] =
	"Status: 200 OK\r\n"
	"Content-Type: text/html; charset=utf-8\r\n"
	"Cache-Control: no-store\r\n"
	"\r\n"
	"<!doctype html><title>hello</title><p>hello</p>\n";

static void serve(int fd)
{
	FCGX_Request req;
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, fd, 0) != 0)
		_exit(1);
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_PutStr(page, (int)sizeof page - 1, req.out);
		FCGX_Finish_r(&req);
	}
	_exit(0);
}

static pid_t children[MAX_PROCESSES];
static int nchildren;

static void stop_children(int sig)
{
	(void)sig;
	for (int i = 0; i < nchildren; i++)
		kill(children[i], SIGTERM);
}

int main(int argc, char **argv)
{
	int n = argc == 3 ? atoi(argv[2]) : 0;
	if (n < 1 || n > MAX_PROCESSES) {
		fprintf(stderr, "usage: fcgi-hello SOCKET_PATH PROCESSES (1-%d)\n", MAX_PROCESSES);
		return 2;
	}
	unlink(argv[1]);
	mode_t old = umask(077);  /* as channel-supervisor: only our own user (and nginx running as it) */
	int fd = FCGX_OpenSocket(argv[1], 128);
	umask(old);
	if (fd < 0) {
		fprintf(stderr, "fcgi-hello: cannot listen on %s\n", argv[1]);
		return 1;
	}
	for (; nchildren < n; nchildren++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fcgi-hello: fork");
			stop_children(0);
			return 1;
		}
		if (pid == 0)
			serve(fd);
		children[nchildren] = pid;
	}
	signal(SIGTERM, stop_children);
	signal(SIGINT, stop_children);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	unlink(argv[1]);
	return 0;
}
