/* config.c: parse channel.conf (KEY=value lines, # comments), the same file make and the scripts read */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

/* Every key the file may hold: a key not listed here is a typo, and stops the start. */
typedef struct {
	const char *key;
	enum { KEY_STR, KEY_INT } type;
	size_t offset, cap;  /* cap: the field's size, for strings */
} config_key;

#define STR_KEY(k, field) { k, KEY_STR, offsetof(config, field), sizeof(((config *)0)->field) }
#define INT_KEY(k, field) { k, KEY_INT, offsetof(config, field), 0 }

static const config_key keys[] = {
	STR_KEY("ROOT_DIR", root_dir),
	STR_KEY("VAR_DIR", var_dir),
	STR_KEY("HTTP_HOST", http_host),
	INT_KEY("HTTP_PORT", http_port),
	INT_KEY("WORKERS", workers),
	STR_KEY("DB_HOST", db_host),
	INT_KEY("DB_PORT", db_port),
	STR_KEY("DB_SOCKET", db_socket),
	STR_KEY("DB_NAME", db_name),
	STR_KEY("DB_USER", db_user),
	STR_KEY("DB_PASSWORD", db_password),
	STR_KEY("MEMCACHED_HOST", memcached_host),
	INT_KEY("MEMCACHED_PORT", memcached_port),
	STR_KEY("MEMCACHED_SOCKET", memcached_socket),
	INT_KEY("SESSION_TTL", session_ttl),
	INT_KEY("SECURE_COOKIES", secure_cookies),
	INT_KEY("PSEUDO_LOCALE", pseudo_locale),
	STR_KEY("BASE_URL", base_url),
	STR_KEY("SMTP_RELAY", smtp_relay),
	STR_KEY("MAIL_FROM", mail_from),
	INT_KEY("SMTP_STARTTLS", smtp_starttls),
	STR_KEY("SMTP_USER", smtp_user),
	STR_KEY("SMTP_PASSWORD", smtp_password),
	STR_KEY("SMTP_CA_FILE", smtp_ca_file),
	INT_KEY("WORKERS_PER_CORE", workers_per_core),
	INT_KEY("DB_STATEMENT_SECONDS", db_statement_seconds),
	STR_KEY("DB_BUFFER_POOL", db_buffer_pool),
	STR_KEY("DB_LOG_FILE_SIZE", db_log_file_size),
	INT_KEY("AUDIT_KEEP_DAYS", audit_keep_days),
	INT_KEY("API_RATE_PER_MINUTE", api_rate_per_minute),
	INT_KEY("API_ADDRESS_RATE_PER_SECOND", api_address_rate_per_second),
	STR_KEY("DB_NODES", db_nodes_list),
	STR_KEY("MEMCACHED_SERVERS", memcached_servers_list),
	STR_KEY("FCGI_SOCKET", fcgi_socket),
	INT_KEY("APP_POOLS", app_pools),
	INT_KEY("MAILERS", mailers),
	STR_KEY("MAIL_DIR", mail_dir),
	STR_KEY("MAILER_NAME", mailer_name),
};

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
	c->workers_per_core = 1;
	c->api_rate_per_minute = 600;
	c->api_address_rate_per_second = 20;
	c->db_statement_seconds = 5;
	c->app_pools = 1;
	c->mailers = 1;
	set_str(c->db_buffer_pool, sizeof c->db_buffer_pool, "128M");
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

static const config_key *find_key(const char *k)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(keys[i].key, k))
			return &keys[i];
	return NULL;
}

/* Store V under K in C; NULL, or why the line is refused. A value is never cut short: a truncated
 * path or password would fail later and far from its cause. */
static const char *set_key(config *c, const char *k, const char *v, char *why, size_t why_cap)
{
	const config_key *ck = find_key(k);
	if (!ck)
		return "is not a setting Channel Center knows (a typo?)";
	char *field = (char *)c + ck->offset;
	if (ck->type == KEY_INT)
		return set_int((int *)field, v) == 0 ? NULL : "needs a whole number from 0 to 1000000";
	if (strlen(v) >= ck->cap) {
		snprintf(why, why_cap, "is longer than the %zu characters it may hold", ck->cap - 1);
		return why;
	}
	set_str(field, ck->cap, v);
	return NULL;
}

/* One KEY=value line (trimmed, not a comment); 0, or -1 with a message naming PATH:LINENO. */
static int parse_line(config *c, char *s, const char *path, int lineno)
{
	char *eq = strchr(s, '=');
	if (!eq) {
		fprintf(stderr, "config: %s:%d: expected KEY=value\n", path, lineno);
		return -1;
	}
	*eq = '\0';
	char *k = trim(s), *v = trim(eq + 1);
	size_t vlen = strlen(v);
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {  /* quoted, as the shell needs for <> */
		v[vlen - 1] = '\0';
		v++;
	}
	char why[96];
	const char *bad = set_key(c, k, v, why, sizeof why);
	if (bad) {
		fprintf(stderr, "config: %s:%d: %.64s%s %s\n", path, lineno, k, strlen(k) > 64 ? "..." : "", bad);
		return -1;
	}
	return 0;
}

/* BASE_URL, when set, is the public address: its origin is what browsers send. Else the browser's
 * Host decides, and SECURE_COOKIES=1 says that the public site is https (behind a TLS proxy). */
static int public_origin(config *c, const char *path)
{
	const char *scheme = c->secure_cookies ? "https" : "http";
	if (c->base_url[0] == '\0') {
		snprintf(c->base_url, sizeof c->base_url, "%s://%.64s:%d", scheme, c->http_host, c->http_port);
		return 0;
	}
	size_t slen = strlen(scheme);
	if (strncmp(c->base_url, scheme, slen) || strncmp(c->base_url + slen, "://", 3) || !c->base_url[slen + 3]) {
		fprintf(stderr, "config: %s: BASE_URL %s does not start with %s:// and a host, but SECURE_COOKIES=%d "
			"says the site is served over %s; set SECURE_COOKIES=1 for an https site, 0 for http\n",
			path, c->base_url, scheme, c->secure_cookies, scheme);
		return -1;
	}
	size_t len = slen + 3 + strcspn(c->base_url + slen + 3, "/?#");
	snprintf(c->site_origin, sizeof c->site_origin, "%.*s", (int)len, c->base_url);
	return 0;
}

/* Values that parse but cannot work; 0, or -1 with a message naming PATH. */
static int check_ranges(config *c, const char *path)
{
	if (c->db_statement_seconds < 1 || c->db_statement_seconds > DB_STATEMENT_SECONDS_MAX) {
		fprintf(stderr, "config: %s: DB_STATEMENT_SECONDS=%d must be from 1 to %d: a statement's budget has to end "
			"before nginx stops waiting for the page (60 s)\n", path, c->db_statement_seconds,
			DB_STATEMENT_SECONDS_MAX);
		return -1;
	}
	return 0;
}

/* "host:port" into S; 0, or -1 when it is not one (a port from 1 to 65535 after the last colon). */
static int parse_host_port(const char *entry, size_t len, config_server *s)
{
	const char *colon = memrchr(entry, ':', len);
	if (!colon || colon == entry || (size_t)(colon - entry) >= sizeof s->host)
		return -1;
	char port[8];
	size_t plen = len - (size_t)(colon - entry) - 1;
	if (plen == 0 || plen >= sizeof port)
		return -1;
	memcpy(port, colon + 1, plen);
	port[plen] = '\0';
	if (set_int(&s->port, port) != 0 || s->port < 1 || s->port > 65535)
		return -1;
	size_t hlen = (size_t)(colon - entry);
	while (hlen && isspace((unsigned char)entry[hlen - 1]))  /* "db1 :3306" names db1 */
		hlen--;
	if (hlen == 0)
		return -1;
	snprintf(s->host, sizeof s->host, "%.*s", (int)hlen, entry);
	return 0;
}

/* A comma-separated list of KEY into OUT (at most CONFIG_MAX_NODES): host:port entries, and unix socket paths
 * (absolute) where SOCKETS_TOO; its count, or -1 with a message naming PATH and the entry. */
static int parse_servers(const char *list, const char *key, bool sockets_too, config_server *out, const char *path)
{
	int n = 0;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		while (len && isspace((unsigned char)*p)) {
			p++;
			len--;
		}
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		const char *why = NULL;
		if (n == CONFIG_MAX_NODES)
			why = "is one more than the " CONFIG_MAX_NODES_TEXT " entries it may name";
		else if (sockets_too && len && *p == '/') {
			if (len >= sizeof(((struct sockaddr_un *)0)->sun_path))
				why = "is a socket path longer than a unix socket's 107 characters";
			else
				snprintf(out[n].socket, sizeof out[n].socket, "%.*s", (int)len, p);
		} else if (parse_host_port(p, len, &out[n]) != 0) {
			why = sockets_too ? "is neither host:port (a port from 1 to 65535) nor an absolute unix socket path"
					  : "is not host:port (a port from 1 to 65535)";
		}
		if (why) {
			fprintf(stderr, "config: %s: %s: the entry \"%.*s\" %s\n", path, key, (int)(len > 200 ? 200 : len), p, why);
			return -1;
		}
		n++;
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return n;
}

/* The one server of the single-server keys, as the list's only entry: HOST:PORT, or SOCKET when HOST is empty. */
static int single_server(config_server *s, const char *host, int port, const char *socket)
{
	snprintf(s->host, sizeof s->host, "%s", host);
	s->port = port;
	snprintf(s->socket, sizeof s->socket, "%s", host[0] ? "" : socket);
	return 1;
}

/* The database nodes and memcached servers as lists, from DB_NODES / MEMCACHED_SERVERS or the single-server
 * keys; 0, or -1 with a message naming PATH. */
static int resolve_servers(config *c, const char *path)
{
	c->n_db_nodes = parse_servers(c->db_nodes_list, "DB_NODES", false, c->db_node, path);
	if (c->n_db_nodes == 0)
		c->n_db_nodes = single_server(&c->db_node[0], c->db_host, c->db_port, c->db_socket);
	c->n_mc_servers = parse_servers(c->memcached_servers_list, "MEMCACHED_SERVERS", true, c->mc_server, path);
	if (c->n_mc_servers == 0)
		c->n_mc_servers = single_server(&c->mc_server[0], c->memcached_host, c->memcached_port, c->memcached_socket);
	return c->n_db_nodes < 0 || c->n_mc_servers < 0 ? -1 : 0;
}

/* A default path under VAR_DIR for an empty FIELD of CAP bytes. */
static void default_var_path(char *field, size_t cap, const config *c, const char *tail)
{
	if (field[0] == '\0' && strlen(c->var_dir) + strlen(tail) < cap)
		snprintf(field, cap, "%s%s", c->var_dir, tail);
}

/* WORKERS=0: WORKERS_PER_CORE for each core (workers mostly wait on MariaDB, so more than one may pay). */
static void resolve_workers(config *c)
{
	if (c->workers > 0)
		return;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	c->workers = (int)(cores > 0 ? cores : 1) * (c->workers_per_core > 0 ? c->workers_per_core : 1);
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
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			fprintf(stderr, "config: %s:%d: line longer than %zu characters\n", path, lineno, sizeof line - 2);
			rc = -1;
			int ch;
			while ((ch = getc(f)) != EOF && ch != '\n')  /* skip the rest of it */
				;
			continue;
		}
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		if (parse_line(c, s, path, lineno) != 0)
			rc = -1;
	}
	fclose(f);
	if (public_origin(c, path) != 0)
		rc = -1;
	if (check_ranges(c, path) != 0)
		rc = -1;
	resolve_workers(c);
	if (c->mail_from[0] == '\0')
		set_str(c->mail_from, sizeof c->mail_from, "Channel Center <no-reply@channelcenter.example>");
	default_var_path(c->db_socket, sizeof c->db_socket, c, "/run/mysqld.sock");
	default_var_path(c->memcached_socket, sizeof c->memcached_socket, c, "/run/memcached.sock");
	default_var_path(c->fcgi_socket, sizeof c->fcgi_socket, c, "/run/fcgi.sock");
	default_var_path(c->mail_dir, sizeof c->mail_dir, c, "/mail");
	if (resolve_servers(c, path) != 0)
		rc = -1;
	return rc;
}
