/* config.c: parse channel.conf (KEY=value lines, # comments), the same file make and the scripts read */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_str(char *dst, size_t cap, const char *v)
{
	snprintf(dst, cap, "%s", v);
}

static int set_int(int *dst, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < 0 || n > 1000000)
		return -1;
	*dst = (int)n;
	return 0;
}

static void defaults(config *c)
{
	memset(c, 0, sizeof *c);
	set_str(c->root_dir, sizeof c->root_dir, ".");
	set_str(c->var_dir, sizeof c->var_dir, "var");
	set_str(c->http_host, sizeof c->http_host, "127.0.0.1");
	c->http_port = 8080;
	c->db_port = 3307;
	set_str(c->db_name, sizeof c->db_name, "channel");
	set_str(c->db_user, sizeof c->db_user, "channel");
	c->memcached_port = 11212;
	c->session_ttl = 8 * 3600;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int config_load(config *c, const char *path)
{
	defaults(c);
	if (!path)
		path = getenv("CHANNEL_CONF");
	if (!path)
		path = "channel.conf";
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "config: cannot open %s\n", path);
		return -1;
	}
	char line[1024];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			fprintf(stderr, "config: %s:%d: expected KEY=value\n", path, lineno);
			rc = -1;
			continue;
		}
		*eq = '\0';
		char *k = trim(s), *v = trim(eq + 1);
		size_t vlen = strlen(v);
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {  /* quoted, as the shell needs for <> */
			v[vlen - 1] = '\0';
			v++;
		}
		int bad = 0;
		if (!strcmp(k, "ROOT_DIR")) set_str(c->root_dir, sizeof c->root_dir, v);
		else if (!strcmp(k, "VAR_DIR")) set_str(c->var_dir, sizeof c->var_dir, v);
		else if (!strcmp(k, "HTTP_HOST")) set_str(c->http_host, sizeof c->http_host, v);
		else if (!strcmp(k, "HTTP_PORT")) bad = set_int(&c->http_port, v);
		else if (!strcmp(k, "WORKERS")) bad = set_int(&c->workers, v);
		else if (!strcmp(k, "DB_HOST")) set_str(c->db_host, sizeof c->db_host, v);
		else if (!strcmp(k, "DB_PORT")) bad = set_int(&c->db_port, v);
		else if (!strcmp(k, "DB_SOCKET")) set_str(c->db_socket, sizeof c->db_socket, v);
		else if (!strcmp(k, "DB_NAME")) set_str(c->db_name, sizeof c->db_name, v);
		else if (!strcmp(k, "DB_USER")) set_str(c->db_user, sizeof c->db_user, v);
		else if (!strcmp(k, "DB_PASSWORD")) set_str(c->db_password, sizeof c->db_password, v);
		else if (!strcmp(k, "MEMCACHED_HOST")) set_str(c->memcached_host, sizeof c->memcached_host, v);
		else if (!strcmp(k, "MEMCACHED_PORT")) bad = set_int(&c->memcached_port, v);
		else if (!strcmp(k, "MEMCACHED_SOCKET")) set_str(c->memcached_socket, sizeof c->memcached_socket, v);
		else if (!strcmp(k, "SESSION_TTL")) bad = set_int(&c->session_ttl, v);
		else if (!strcmp(k, "SECURE_COOKIES")) bad = set_int(&c->secure_cookies, v);
		else if (!strcmp(k, "BASE_URL")) set_str(c->base_url, sizeof c->base_url, v);
		else if (!strcmp(k, "SMTP_RELAY")) set_str(c->smtp_relay, sizeof c->smtp_relay, v);
		else if (!strcmp(k, "MAIL_FROM")) set_str(c->mail_from, sizeof c->mail_from, v);
		else if (!strcmp(k, "SMTP_STARTTLS")) bad = set_int(&c->smtp_starttls, v);
		else if (!strcmp(k, "SMTP_USER")) set_str(c->smtp_user, sizeof c->smtp_user, v);
		else if (!strcmp(k, "SMTP_PASSWORD")) set_str(c->smtp_password, sizeof c->smtp_password, v);
		else if (!strcmp(k, "SMTP_CA_FILE")) set_str(c->smtp_ca_file, sizeof c->smtp_ca_file, v);
		if (bad) {
			fprintf(stderr, "config: %s:%d: %s needs a number\n", path, lineno, k);
			rc = -1;
		}
	}
	fclose(f);
	if (c->base_url[0] == '\0')
		snprintf(c->base_url, sizeof c->base_url, "http://%.64s:%d", c->http_host, c->http_port);
	if (c->mail_from[0] == '\0')
		set_str(c->mail_from, sizeof c->mail_from, "Channel Center <no-reply@channelcenter.example>");
	if (c->db_socket[0] == '\0' && strlen(c->var_dir) < sizeof c->db_socket - 20)
		snprintf(c->db_socket, sizeof c->db_socket, "%.490s/run/mysqld.sock", c->var_dir);
	if (c->memcached_socket[0] == '\0' && strlen(c->var_dir) < sizeof c->memcached_socket - 24)
		snprintf(c->memcached_socket, sizeof c->memcached_socket, "%.480s/run/memcached.sock", c->var_dir);
	return rc;
}
