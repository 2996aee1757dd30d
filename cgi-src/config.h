/* config.h: runtime configuration read from one KEY=value file (channel.conf) */
#ifndef CC_CONFIG_H
#define CC_CONFIG_H

#define CONFIG_MAX_NODES 8  /* DB_NODES and MEMCACHED_SERVERS entries */
#define CONFIG_MAX_NODES_TEXT "8"

/* One entry of DB_NODES or MEMCACHED_SERVERS: host and port, or (memcached only) a unix socket's path. */
typedef struct {
	char host[128];
	int port;
	char socket[512];
} config_server;

typedef struct config {
	char root_dir[512];      /* checkout: templates/ and static/ live here */
	char var_dir[512];       /* runtime state: database, sockets, logs, mail */
	char http_host[64];
	int http_port;
	int workers;             /* 0 in the file = workers_per_core per core, resolved by config_load */
	int workers_per_core;    /* WORKERS_PER_CORE, used when WORKERS=0 */
	char db_host[128];       /* empty = the local server's unix socket */
	int db_port;
	char db_socket[512];
	char db_name[64];
	char db_user[64];
	char db_password[128];
	char memcached_host[128];  /* empty = memcached_socket */
	int memcached_port;
	char memcached_socket[512];  /* default VAR_DIR/run/memcached.sock */
	int session_ttl;         /* seconds */
	int secure_cookies;      /* 1: the public site is https (Secure, __Host- cookies, HSTS) */
	char base_url[256];      /* for links in emails; default http(s)://HTTP_HOST:HTTP_PORT */
	char site_origin[256];   /* BASE_URL's scheme://host[:port] when BASE_URL is set, else "" */
	char smtp_relay[256];    /* host:port of an SMTP relay; empty = write .eml files */
	char mail_from[256];
	int smtp_starttls;       /* 1: STARTTLS required before anything is sent */
	char smtp_user[128];     /* AUTH with these when set */
	char smtp_password[128];
	char smtp_ca_file[512];  /* PEM CA bundle for the relay's certificate; empty = the system's */
	int db_statement_seconds;  /* each statement's budget (max_statement_time), 1..DB_STATEMENT_SECONDS_MAX */
	char db_buffer_pool[16];   /* innodb_buffer_pool_size of the server ctl.sh starts (e.g. 128M, 4G) */
	char db_log_file_size[16]; /* innodb_log_file_size; empty = a quarter of the buffer pool */
	int pseudo_locale;        /* 1: the pseudo-locale "qps" can be picked (the test stack's catalog check) */
	int api_rate_per_minute;  /* the partner API's calls per token per minute before 429 */
	int api_address_rate_per_second;  /* nginx's limit of /v1/ calls per client address (bursts of twice as many) */
	int audit_keep_days;      /* channel-audit-verify --purge deletes audit rows older than this; 0 = keep all */
	/* Past one machine. DB_NODES: the Galera cluster's nodes (empty: the one server of DB_HOST/DB_PORT/
	 * DB_SOCKET, which then is db_node[0]); MEMCACHED_SERVERS: the memcached pool (empty: MEMCACHED_HOST/
	 * MEMCACHED_PORT or MEMCACHED_SOCKET, which then is mc_server[0]). */
	char db_nodes_list[1000];
	config_server db_node[CONFIG_MAX_NODES];
	int n_db_nodes;
	char memcached_servers_list[1000];
	config_server mc_server[CONFIG_MAX_NODES];
	int n_mc_servers;
	char fcgi_socket[512];    /* the FastCGI socket this pool's supervisor listens on; default VAR_DIR/run/fcgi.sock */
	int app_pools;            /* APP_POOLS: supervisors scripts/ctl.sh starts (each stands for an app host) */
	int mailers;              /* MAILERS: mailer processes scripts/ctl.sh starts */
	char mail_dir[512];       /* where a mailer without SMTP_RELAY writes .eml files; default VAR_DIR/mail */
	char mailer_name[64];     /* a mailer's name in the rows it claims; default host:pid */
} config;

/* nginx waits 60 s for a page (fastcgi_read_timeout in nginx/nginx.conf.in): a statement's budget plus the
 * client's read-timeout margin must end well before it, so the worker's own page reaches the user */
#define DB_STATEMENT_SECONDS_MAX 20

/* Fills defaults, then overrides from PATH (NULL: $CHANNEL_CONF, else ./channel.conf).
 * Returns 0, or -1 with a message on stderr naming the file and line for an unreadable file or a bad
 * line: an unknown key, a value too long for its field, a number that is not one. */
int config_load(config *c, const char *path);

#endif
